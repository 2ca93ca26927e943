package io.tenure.health;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.account.Account;
import io.tenure.api.data.Codes;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.health.MeasureResult;

/**
 * The composite health score: each dimension's sub-score is the weighted mean of its measures that have data; the
 * composite is the weighted mean of the sub-scores that exist (weights per segment or vertical); the status follows
 * the thresholds; an account with no data at all is {@code unknown}, never green.
 */
public final class HealthScorer {

    /** The weight of each dimension. */
    public record Weights(double usage, double sentiment, double relationship) {
        double of(Dimension d) {
            return switch (d) {
                case USAGE -> usage;
                case SENTIMENT -> sentiment;
                case RELATIONSHIP -> relationship;
            };
        }
    }

    /** What one measure said. */
    public record MeasureScore(HealthMeasure measure, Optional<MeasureResult> result) {
    }

    /** A scored account: the stored form, every measure and the contribution of each to the composite. */
    public record Scored(HealthScore score, List<MeasureScore> measures, Map<String, Double> contributions,
            Map<Dimension, Double> subScores) {
    }

    private final HealthConfig config;

    public HealthScorer(HealthConfig config) {
        this.config = config;
    }

    public HealthConfig config() {
        return config;
    }

    /**
     * How the scorer calls a measure: {@link #DIRECT}, or through a guarded run that times each call and leaves out a
     * measure that outlived its limit (see {@link HealthEngine}).
     */
    public interface Calls {
        Optional<MeasureResult> call(HealthMeasure measure, AccountHistory history);

        /** The measure threw: it is left out of this account's score. */
        default void failed(HealthMeasure measure, RuntimeException error) {
        }
    }

    /** Calls each measure on the calling thread, without a limit. */
    public static final Calls DIRECT = HealthMeasure::score;

    public Scored score(AccountHistory history, List<HealthMeasure> measures) {
        return score(history, measures, DIRECT);
    }

    public Scored score(AccountHistory history, List<HealthMeasure> measures, Calls calls) {
        Weights w = weightsFor(history.account());
        List<MeasureScore> results = new ArrayList<>();
        Map<Dimension, double[]> sums = new EnumMap<>(Dimension.class);
        for (HealthMeasure m : measures) {
            Optional<MeasureResult> r;
            try {
                r = calls.call(m, history);
            } catch (RuntimeException e) {
                r = Optional.empty(); // a failing partner measure is left out, never takes the score down with it
                calls.failed(m, e);
            }
            results.add(new MeasureScore(m, r));
            if (r.isPresent() && m.weight() > 0) {
                double[] s = sums.computeIfAbsent(m.dimension(), d -> new double[2]);
                s[0] += m.weight() * r.get().score();
                s[1] += m.weight();
            }
        }
        Map<Dimension, Double> sub = new EnumMap<>(Dimension.class);
        double total = 0;
        double weights = 0;
        for (Map.Entry<Dimension, double[]> e : sums.entrySet()) {
            double value = e.getValue()[0] / e.getValue()[1];
            sub.put(e.getKey(), value);
            total += w.of(e.getKey()) * value;
            weights += w.of(e.getKey());
        }
        Map<String, Double> contributions = new java.util.LinkedHashMap<>();
        for (MeasureScore ms : results) {
            if (ms.result().isPresent() && weights > 0 && ms.measure().weight() > 0) {
                double[] s = sums.get(ms.measure().dimension());
                contributions.put(ms.measure().name(), w.of(ms.measure().dimension()) / weights * ms.measure().weight() / s[1]
                        * ms.result().get().score());
            }
        }
        if (weights == 0) {
            return new Scored(new HealthScore(history.account().id(), history.asOf(), 0, HealthStatus.UNKNOWN, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of("no usage, sentiment or relationship data to score")), results,
                    contributions, sub);
        }
        long composite = Math.round(total / weights);
        HealthStatus status = composite >= config.greenThreshold() ? HealthStatus.GREEN
                : composite < config.redThreshold() ? HealthStatus.RED : HealthStatus.YELLOW;
        return new Scored(new HealthScore(history.account().id(), history.asOf(), composite, status,
                rounded(sub.get(Dimension.USAGE)), rounded(sub.get(Dimension.SENTIMENT)), rounded(sub.get(Dimension.RELATIONSHIP)),
                Optional.of(explain(results))), results, contributions, sub);
    }

    private static Optional<Long> rounded(Double v) {
        return v == null ? Optional.empty() : Optional.of(Math.round(v));
    }

    private static String explain(List<MeasureScore> results) {
        List<MeasureScore> low = results.stream().filter(r -> r.result().isPresent())
                .sorted(Comparator.comparingDouble(r -> r.result().get().score())).limit(3).toList();
        StringBuilder b = new StringBuilder();
        for (MeasureScore r : low) {
            b.append(b.length() == 0 ? "" : "; ").append(r.measure().name()).append(' ')
                    .append(Math.round(r.result().get().score())).append(": ").append(r.result().get().detail());
        }
        return b.toString();
    }

    /** The dimension weights for an account: a vertical override, else a segment override, else the defaults. */
    public Weights weightsFor(Account account) {
        Weights result = new Weights(config.usageWeight(), config.sentimentWeight(), config.relationshipWeight());
        Weights segment = null;
        Weights vertical = null;
        for (String entry : config.weightOverrides()) {
            String[] kv = entry.split("=", 2);
            String[] key = kv[0].strip().split(":", 2);
            if (kv.length != 2 || key.length != 2) {
                continue;
            }
            String[] v = kv[1].split(",");
            if (v.length != 3) {
                continue;
            }
            Weights w = new Weights(Double.parseDouble(v[0].strip()), Double.parseDouble(v[1].strip()), Double.parseDouble(v[2].strip()));
            String what = key[1].strip().toLowerCase(Locale.ROOT);
            if (key[0].strip().equals("vertical") && Codes.code(account.vertical()).equals(what)) {
                vertical = w;
            } else if (key[0].strip().equals("segment") && account.segment().map(Codes::code).filter(what::equals).isPresent()) {
                segment = w;
            }
        }
        return vertical != null ? vertical : segment != null ? segment : result;
    }

    /** Checks the overrides, for a clear error before they are used. */
    static void validate(HealthConfig config) {
        io.tenure.api.data.Require.range(config.measureTimeLimitMillis(), 10, 60_000, "measureTimeLimitMillis");
        if (config.redThreshold() >= config.greenThreshold()) {
            throw new IllegalArgumentException("redThreshold " + config.redThreshold() + " must be below greenThreshold "
                    + config.greenThreshold());
        }
        for (String entry : config.weightOverrides()) {
            if (!entry.matches("\\s*(segment|vertical):[a-z_]+\\s*=\\s*[0-9.]+\\s*,\\s*[0-9.]+\\s*,\\s*[0-9.]+\\s*")) {
                throw new IllegalArgumentException("weight override '" + entry + "' is not like segment:smb=0.6,0.2,0.2");
            }
        }
    }

    /** When the status must be answered: business days after the score's day, per DOMAIN.md §4. */
    public LocalDate due(HealthScore score) {
        int days = switch (score.status()) {
            case RED -> config.redResponseDays();
            case YELLOW, UNKNOWN -> config.yellowResponseDays();
            case GREEN -> config.greenReviewDays();
        };
        LocalDate d = score.date();
        int added = 0;
        while (added < days) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return d;
    }

    /** The defined response of each status (DOMAIN.md §4). */
    public static String response(HealthStatus status) {
        return switch (status) {
            case GREEN -> "maintain; look for expansion; advocate candidate";
            case YELLOW -> "owner investigates and runs a playbook";
            case RED -> "escalate to CS leadership; save plan; consider an executive-to-executive call";
            case UNKNOWN -> "owner collects usage, sentiment and relationship data: the account cannot be scored";
        };
    }
}
