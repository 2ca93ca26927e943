package io.tenure.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tenure.api.account.Account;
import io.tenure.api.account.Segment;
import io.tenure.api.account.TouchModel;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.Codes;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;

/**
 * The slices every metric can be cut by: vertical, segment, touch model, CSM (owner) and acquisition cohort (the
 * month {@code 2024-03}, quarter {@code 2024-Q1} or year {@code 2024} the account signed in).
 */
public record AccountFilter(Map<String, String> applied, Predicate<Account> test) {
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    public static final List<MetricParameter> PARAMETERS = List.of(
            new MetricParameter("vertical", "only accounts of this vertical: enterprise, plg, marketplace, haas", false),
            new MetricParameter("segment", "only this segment: enterprise, mid_market, smb, tech_touch", false),
            new MetricParameter("touch_model", "only this touch model: high_touch, low_touch, tech_touch", false),
            new MetricParameter("owner", "only accounts of this CSM (csm_id)", false),
            new MetricParameter("cohort", "only accounts acquired in this month (2024-03), quarter (2024-Q1) or year (2024)", false));

    public static AccountFilter of(MetricRequest request) throws MetricException {
        Map<String, String> applied = new LinkedHashMap<>();
        List<Predicate<Account>> tests = new ArrayList<>();
        Optional<String> vertical = request.text("vertical");
        if (vertical.isPresent()) {
            Vertical v = parse(Vertical.class, "vertical", vertical.get());
            tests.add(a -> a.vertical() == v);
            applied.put("vertical", Codes.code(v));
        }
        Optional<String> segment = request.text("segment");
        if (segment.isPresent()) {
            Segment s = parse(Segment.class, "segment", segment.get());
            tests.add(a -> a.segment().filter(s::equals).isPresent());
            applied.put("segment", Codes.code(s));
        }
        Optional<String> touch = request.text("touch_model");
        if (touch.isPresent()) {
            TouchModel t = parse(TouchModel.class, "touch_model", touch.get());
            tests.add(a -> a.touchModel().filter(t::equals).isPresent());
            applied.put("touch_model", Codes.code(t));
        }
        Optional<String> owner = request.text("owner");
        if (owner.isPresent()) {
            tests.add(a -> a.owner().filter(owner.get()::equals).isPresent());
            applied.put("owner", owner.get());
        }
        Optional<String> cohort = request.text("cohort");
        if (cohort.isPresent()) {
            LocalDate[] range = cohortRange(cohort.get());
            tests.add(a -> !a.signedDate().isBefore(range[0]) && a.signedDate().isBefore(range[1]));
            applied.put("cohort", cohort.get());
        }
        return new AccountFilter(applied, a -> tests.stream().allMatch(t -> t.test(a)));
    }

    /** [start, end) of a cohort written as a month, quarter or year. */
    static LocalDate[] cohortRange(String text) throws MetricException {
        Matcher m = MONTH.matcher(text);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12) {
            LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            return new LocalDate[] { start, start.plusMonths(1) };
        }
        m = QUARTER.matcher(text);
        if (m.matches()) {
            LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
            return new LocalDate[] { start, start.plusMonths(3) };
        }
        if (YEAR.matcher(text).matches()) {
            LocalDate start = LocalDate.of(Integer.parseInt(text), 1, 1);
            return new LocalDate[] { start, start.plusYears(1) };
        }
        throw MetricException.parameter("cohort '" + text + "' is not a month (2024-03), quarter (2024-Q1) or year (2024)");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String text) throws MetricException {
        try {
            return Codes.parse(type, name, text);
        } catch (IllegalArgumentException e) {
            throw MetricException.parameter(e.getMessage());
        }
    }
}
