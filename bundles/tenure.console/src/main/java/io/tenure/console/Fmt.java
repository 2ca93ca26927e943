package io.tenure.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import io.tenure.api.money.Money;

/** How numbers read on a page: money short ($24.5M) or in full, ratios as percentages. Returns unescaped text. */
final class Fmt {
    static final String NONE = "—";

    private Fmt() {
    }

    /** A ratio (1.2) as a percentage (120.0%). */
    static String percent(Optional<BigDecimal> ratio) {
        return ratio.map(r -> r.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%").orElse(NONE);
    }

    /** A change in ratio points (+1.2 pts). */
    static String points(Optional<BigDecimal> ratio) {
        return ratio.map(r -> {
            BigDecimal p = r.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN);
            return (p.signum() > 0 ? "+" : "") + p.toPlainString() + " pts";
        }).orElse(NONE);
    }

    /** An amount in major units, short: $24.5M, $310K, $950. */
    static String money(Optional<BigDecimal> amount, String currency) {
        if (amount.isEmpty()) {
            return NONE;
        }
        BigDecimal a = amount.get();
        String symbol = symbol(currency);
        BigDecimal abs = a.abs();
        String sign = a.signum() < 0 ? "-" : "";
        if (abs.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
            return sign + symbol + abs.movePointLeft(6).setScale(abs.compareTo(BigDecimal.valueOf(100_000_000)) >= 0 ? 0 : 1,
                    RoundingMode.HALF_EVEN).toPlainString() + "M";
        }
        if (abs.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return sign + symbol + abs.movePointLeft(3).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + "K";
        }
        return sign + symbol + NumberFormat.getIntegerInstance(Locale.US).format(abs.setScale(0, RoundingMode.HALF_EVEN));
    }

    static String money(Money money) {
        return money(Optional.of(money.toBigDecimal()), money.currency().getCurrencyCode());
    }

    /** An amount in full with its currency: USD 24,493,172.00. */
    static String moneyExact(Optional<BigDecimal> amount, String currency) {
        return amount.map(a -> {
            NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
            f.setMinimumFractionDigits(2);
            f.setMaximumFractionDigits(2);
            return currency + " " + f.format(a);
        }).orElse(NONE);
    }

    static String symbol(String currency) {
        if (currency == null || currency.isBlank()) {
            return "";
        }
        return switch (currency) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> {
                try {
                    yield Currency.getInstance(currency).getCurrencyCode() + " ";
                } catch (IllegalArgumentException e) {
                    yield currency + " ";
                }
            }
        };
    }

    static String integer(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }
}
