package io.tenure.metrics;

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
import io.tenure.api.account.Csm;
import io.tenure.api.account.Segment;
import io.tenure.api.data.Codes;
import io.tenure.api.data.Query;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** {@code /api/v1/metrics/coverage}: accounts and ARR per CSM against the coverage defaults of their segment. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class CoverageMetric extends BaseMetric {
    static final String DEFINITION = "Per CSM, as of asOf: the paying accounts (ARR > 0) they own and their ARR, against "
            + "the coverage defaults of DOMAIN.md section 7 for the CSM's segment (or the segment most of their accounts "
            + "are in): enterprise 5-15 accounts / $2-5M; mid-market 20-50 / $2-5M; SMB 75-200 / $2-4M; tech-touch 500+ / "
            + "$1-3M; 25% fewer accounts with an expansion mandate. Each is under, within or over its range.";

    /** Accounts and ARR (major units) ranges per segment. */
    record Range(int minAccounts, int maxAccounts, long minArr, long maxArr) {
    }

    static final Map<Segment, Range> DEFAULTS = new EnumMap<>(Map.of(
            Segment.ENTERPRISE, new Range(5, 15, 2_000_000, 5_000_000),
            Segment.MID_MARKET, new Range(20, 50, 2_000_000, 5_000_000),
            Segment.SMB, new Range(75, 200, 2_000_000, 4_000_000),
            Segment.TECH_TOUCH, new Range(500, Integer.MAX_VALUE, 1_000_000, 3_000_000)));

    @Reference
    private MetricContext context;

    public CoverageMetric() {
        super("coverage", "Coverage per CSM", DEFINITION);
    }

    public CoverageMetric(MetricContext context) {
        super("coverage", "Coverage per CSM", DEFINITION);
        this.context = context;
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of();
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        RevenueLedger ledger = context.ledgers().current();
        long[] arr = Book.arrBefore(ledger, request.asOf().plusDays(1));
        List<Csm> csms = new ArrayList<>();
        context.store().repository(Csm.TYPE).forEach(Query.all(), csms::add);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Csm csm : csms) {
            int accounts = 0;
            long book = 0;
            Map<Segment, Integer> segments = new EnumMap<>(Segment.class);
            for (int a = 0; a < ledger.accounts.size(); a++) {
                Account account = ledger.accounts.get(a);
                if (arr[a] > 0 && account.owner().filter(csm.id()::equals).isPresent()) {
                    accounts++;
                    book += arr[a];
                    account.segment().ifPresent(s -> segments.merge(s, 1, Integer::sum));
                }
            }
            Optional<Segment> segment = csm.segment().or(() -> segments.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("csm", csm.id());
            row.put("name", csm.name());
            row.put("segment", segment.map(Codes::code).orElse(null));
            row.put("expansionMandate", csm.expansionMandate());
            row.put("accounts", accounts);
            row.put("arr", RetentionMetric.money(book, ledger.currency));
            if (segment.isPresent()) {
                Range range = DEFAULTS.get(segment.get());
                double factor = csm.expansionMandate() ? 0.75 : 1.0;
                int min = (int) Math.round(range.minAccounts() * factor);
                int max = range.maxAccounts() == Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.round(range.maxAccounts() * factor);
                row.put("accountsRange", List.of(min, max == Integer.MAX_VALUE ? "" : max));
                row.put("accountsStatus", status(accounts, min, max));
                row.put("arrRange", List.of(range.minArr(), range.maxArr()));
                row.put("arrStatus", status(book / 100.0, range.minArr(), range.maxArr()));
            }
            rows.add(row);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("asOf", request.asOf().toString());
        values.put("currency", ledger.currency);
        values.put("csms", rows);
        return new MetricResult(name(), values, DEFINITION, Map.of("asOf", request.asOf().toString(), "csms", csms.size()));
    }

    static String status(double value, double min, double max) {
        return value < min ? "under" : value > max ? "over" : "within";
    }
}
