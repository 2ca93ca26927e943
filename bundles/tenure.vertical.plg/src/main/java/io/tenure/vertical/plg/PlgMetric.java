package io.tenure.vertical.plg;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataStore;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementSource;

/** {@code /api/v1/metrics/plg}: activation and free-to-paid conversion of the PLG workspaces' trials in a period. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class PlgMetric implements Metric {
    static final String DEFINITION = "Over the PLG workspaces, for the trials (subscriptions with status trial, or a plan "
            + "named free with zero ARR) started in [from, to) and before asOf: trialsStarted; activated = those that used at "
            + "least the activation depth of distinct core features in the activation window from their start; "
            + "productQualified = those whose daily active users reached the PQL threshold (or the share of the trial's seat "
            + "limit) during the trial; converted = those with a new ARR movement (self-serve or sales-led) on or after the "
            + "trial start and before asOf; each rate = count / trialsStarted; medianDaysToConvert = the median (not the mean) "
            + "of the days from trial start to that movement, absent without a conversion. pqlsNow = free or trial workspaces "
            + "product-qualified on asOf. selfServeExpansionShare = self-serve expansion ARR / all expansion ARR of the PLG "
            + "workspaces dated in [from, to) before asOf, in the currency of most of those movements (others are left out and "
            + "counted in inputs). The period is period (2026-Q1, 2026-03, 2026) or from and to; the quarter holding asOf "
            + "when neither is given. Thresholds from io.tenure.vertical.plg.";
    static final List<MetricParameter> PARAMETERS = List.of(
            new MetricParameter("from", "first day of the period, YYYY-MM-DD (or give period)", false),
            new MetricParameter("to", "day after the period, YYYY-MM-DD (or give period)", false),
            new MetricParameter("period", "a quarter (2026-Q1), month (2026-03) or year (2026); default the quarter holding asOf",
                    false));

    @Reference
    private DataStore store;
    @Reference
    private Plg plg;
    @Reference
    private CoreFeatures core;

    public PlgMetric() {
    }

    PlgMetric(DataStore store, Plg plg, CoreFeatures core) {
        this.store = store;
        this.plg = plg;
        this.core = core;
    }

    @Override
    public String name() {
        return "plg";
    }

    @Override
    public String title() {
        return "Product-led activation and conversion";
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    @Override
    public List<MetricParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        ReportingPeriod period = period(request);
        Plg.Config c = plg.config();
        List<String> features = core.current();
        LocalDate asOf = request.asOf();
        PlgBook book = PlgBook.read(store, c, period.from(), period.to(), asOf);
        Funnel f = Funnel.of(book, c, features, period.from(), period.to(), asOf);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("period", period.label());
        v.put("from", period.from().toString());
        v.put("to", period.to().toString());
        long trials = f.trials().size();
        v.put("trialsStarted", trials);
        v.put("activated", f.activated());
        v.put("activationRate", Funnel.ratio(f.activated(), trials));
        v.put("productQualified", f.productQualified());
        v.put("pqlRate", Funnel.ratio(f.productQualified(), trials));
        v.put("converted", f.converted());
        v.put("conversionRate", Funnel.ratio(f.converted(), trials));
        v.put("convertedSelfServe", f.trials().stream().filter(t -> t.conversion().filter(m -> m.source()
                == MovementSource.SELF_SERVE).isPresent()).count());
        f.medianDaysToConvert().ifPresent(d -> v.put("medianDaysToConvert", d));
        v.put("pqlsNow", f.current().size());
        expansion(book.expansions(), v);
        return new MetricResult(name(), v, DEFINITION, inputs(c, features, asOf, book, v));
    }

    /** Self-serve share of the expansion ARR, in the currency of most movements. */
    private static void expansion(List<ArrMovement> expansions, Map<String, Object> v) {
        Map<String, Long> byCurrency = new TreeMap<>();
        expansions.forEach(m -> byCurrency.merge(m.amount().currency().getCurrencyCode(), 1L, Long::sum));
        String currency = byCurrency.entrySet().stream().max(Comparator.comparing(Map.Entry<String, Long>::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).map(Map.Entry::getKey).orElse("USD");
        Money all = Money.ofMinor(0, currency);
        Money selfServe = all;
        for (ArrMovement m : expansions) {
            if (m.amount().currency().getCurrencyCode().equals(currency)) {
                all = all.plus(m.amount());
                selfServe = m.source() == MovementSource.SELF_SERVE ? selfServe.plus(m.amount()) : selfServe;
            }
        }
        v.put("currency", currency);
        v.put("expansionArr", all.toDecimalString());
        v.put("selfServeExpansionArr", selfServe.toDecimalString());
        v.put("selfServeExpansionShare", Funnel.ratio(selfServe.minorUnits(), all.minorUnits()));
        v.put("otherCurrencyExpansions", expansions.stream().filter(m -> !m.amount().currency().getCurrencyCode()
                .equals(currency)).count());
    }

    private static Map<String, Object> inputs(Plg.Config c, List<String> features, LocalDate asOf, PlgBook book,
            Map<String, Object> v) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("asOf", asOf.toString());
        in.put("workspaces", book.accounts().size());
        in.put("coreFeatures", features);
        in.put("activationDepth", c.activationDepth());
        in.put("activationWindowDays", c.activationWindowDays());
        in.put("trialLengthDays", c.trialLengthDays());
        in.put("pqlActiveUsers", c.pqlActiveUsers());
        in.put("pqlSeatSharePercent", c.pqlSeatSharePercent());
        in.put("signalLookbackDays", c.signalLookbackDays());
        in.put("otherCurrencyExpansions", v.remove("otherCurrencyExpansions"));
        return in;
    }

    /** The request's period: {@code period}, or {@code from} and {@code to}, or the quarter holding asOf. */
    static ReportingPeriod period(MetricRequest request) throws MetricException {
        return request.period(Optional.of(ReportingPeriod.Length.QUARTER.holding(request.asOf())));
    }
}
