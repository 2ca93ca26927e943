package io.tenure.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Segment;
import io.tenure.api.account.TouchModel;
import io.tenure.api.data.Codes;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/**
 * {@code /api/v1/metrics/segmentation}: the touch model each paying account's ARR calls for beside the one it has, the
 * promotions with their recorded reasons (and those without one, flagged), and the onboarding model of each segment.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = io.tenure.api.metrics.Metric.class)
public class SegmentationMetric extends BaseMetric {
    static final String DEFINITION = "As of asOf, for every account with ARR > 0: the touch model its ARR calls for (high-touch "
            + "from $100K, low-touch from $25K, tech-touch below; io.tenure.metrics.finance settings) beside the one assigned. "
            + "An account assigned a higher-touch model than its ARR calls for is a promotion, which needs a recorded "
            + "strategic or complexity reason; one without is flagged. A lower-touch model than the ARR calls for is listed "
            + "as under-served. Accounts without a touch model follow their ARR. Onboarding model by segment: enterprise "
            + "project-managed, mid-market guided, SMB mostly self-serve, tech-touch fully self-serve.";
    static final Map<Segment, String> ONBOARDING = new EnumMap<>(Map.of(Segment.ENTERPRISE, "project-managed",
            Segment.MID_MARKET, "guided", Segment.SMB, "mostly self-serve", Segment.TECH_TOUCH, "fully self-serve"));
    /** The most accounts listed in each list; the counts are always complete. */
    static final int LISTED = 200;

    @Reference
    private MetricContext context;

    public SegmentationMetric() {
        super("segmentation", "Segmentation and touch models", DEFINITION);
    }

    public SegmentationMetric(MetricContext context) {
        super("segmentation", "Segmentation and touch models", DEFINITION);
        this.context = context;
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of();
    }

    /** The touch model {@code arrMinor} calls for. */
    static TouchModel byArr(long arrMinor, FinanceConfig f) {
        BigDecimal arr = BigDecimal.valueOf(arrMinor, 2);
        return arr.compareTo(BigDecimal.valueOf(f.highTouchArr())) >= 0 ? TouchModel.HIGH_TOUCH
                : arr.compareTo(BigDecimal.valueOf(f.lowTouchArr())) >= 0 ? TouchModel.LOW_TOUCH : TouchModel.TECH_TOUCH;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        FinanceConfig f = context.finance();
        RevenueLedger ledger = context.ledgers().current();
        long[] arr = Book.arrBefore(ledger, request.asOf().plusDays(1));
        Map<TouchModel, long[]> served = new EnumMap<>(TouchModel.class); // accounts, ARR, accounts by ARR
        for (TouchModel t : TouchModel.values()) {
            served.put(t, new long[3]);
        }
        Map<Segment, long[]> segments = new EnumMap<>(Segment.class);
        List<Map<String, Object>> promotions = new ArrayList<>();
        List<Map<String, Object>> unexplained = new ArrayList<>();
        List<Map<String, Object>> underServed = new ArrayList<>();
        long[] counts = new long[4]; // promotions, unexplained, under-served, unassigned
        for (int a = 0; a < ledger.accounts.size(); a++) {
            if (arr[a] <= 0) {
                continue;
            }
            Account account = ledger.accounts.get(a);
            TouchModel wanted = byArr(arr[a], f);
            TouchModel assigned = account.touchModel().orElse(wanted);
            counts[3] += account.touchModel().isEmpty() ? 1 : 0;
            long[] s = served.get(assigned);
            s[0]++;
            s[1] += arr[a];
            served.get(wanted)[2]++;
            if (account.segment().isPresent()) {
                long[] seg = segments.computeIfAbsent(account.segment().get(), k -> new long[2]);
                seg[0]++;
                seg[1] += arr[a];
            }
            if (assigned.ordinal() < wanted.ordinal()) { // HIGH_TOUCH is first: a lower ordinal is more touch
                Optional<String> reason = account.strategicReason().map(r -> "strategic: " + r)
                        .or(() -> account.complexityReason().map(r -> "complexity: " + r));
                counts[reason.isPresent() ? 0 : 1]++;
                List<Map<String, Object>> list = reason.isPresent() ? promotions : unexplained;
                if (list.size() < LISTED) {
                    list.add(row(account, arr[a], ledger.currency, wanted, assigned, reason));
                }
            } else if (assigned.ordinal() > wanted.ordinal()) {
                counts[2]++;
                if (underServed.size() < LISTED) {
                    underServed.add(row(account, arr[a], ledger.currency, wanted, assigned, Optional.empty()));
                }
            }
        }
        Map<String, Object> touch = new LinkedHashMap<>();
        served.forEach((t, s) -> touch.put(t.code(), Map.of("accounts", s[0], "arr", RetentionMetric.money(s[1], ledger.currency),
                "accountsByArr", s[2])));
        Map<String, Object> onboarding = new LinkedHashMap<>();
        ONBOARDING.forEach((seg, model) -> {
            long[] s = segments.getOrDefault(seg, new long[2]);
            onboarding.put(seg.code(), Map.of("onboardingModel", model, "accounts", s[0], "arr", RetentionMetric.money(s[1], ledger.currency)));
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("thresholds", Map.of("highTouchFrom", BigDecimal.valueOf(f.highTouchArr()).setScale(2).toPlainString(),
                "lowTouchFrom", BigDecimal.valueOf(f.lowTouchArr()).setScale(2).toPlainString(), "currency", ledger.currency));
        body.put("touchModels", touch);
        body.put("hybrid", served.values().stream().filter(s -> s[0] > 0).count() > 1);
        body.put("unassigned", counts[3]);
        body.put("promotions", Map.of("count", counts[0], "accounts", promotions));
        body.put("promotionsWithoutReason", Map.of("count", counts[1], "accounts", unexplained));
        body.put("underServed", Map.of("count", counts[2], "accounts", underServed));
        body.put("onboardingBySegment", onboarding);
        return new MetricResult(name(), body, DEFINITION, Map.of("asOf", request.asOf().toString()));
    }

    private static Map<String, Object> row(Account a, long arr, String currency, TouchModel wanted, TouchModel assigned,
            Optional<String> reason) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("account_id", a.id());
        row.put("name", a.name());
        row.put("arr", RetentionMetric.money(arr, currency));
        row.put("byArr", Codes.code(wanted));
        row.put("assigned", Codes.code(assigned));
        reason.ifPresent(r -> row.put("reason", r));
        return row;
    }
}
