package io.tenure.api.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: a signed count of the currency's minor units (cents for USD) and the
 * currency. Arithmetic is exact and refuses to mix currencies; there is no floating point anywhere.
 *
 * @param minorUnits the amount in minor units, e.g. 1234 for USD 12.34
 * @param currency the ISO 4217 currency
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit and cannot hold an amount");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /**
     * Parses a decimal amount in major units, e.g. {@code "12000.50"} USD.
     *
     * @throws IllegalArgumentException if the text is not a decimal number, has more fraction digits than
     *         the currency allows, or does not fit in a {@code long} of minor units
     */
    public static Money parse(String majorUnits, String currencyCode) {
        Currency currency = currency(currencyCode);
        BigDecimal amount;
        try {
            amount = new BigDecimal(Objects.requireNonNull(majorUnits, "amount").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + majorUnits + "' is not a decimal number");
        }
        int digits = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("amount '" + majorUnits + "' has more than " + digits
                    + " decimal places, the precision of " + currency.getCurrencyCode());
        }
        BigInteger minor = amount.movePointRight(digits).toBigIntegerExact();
        if (minor.bitLength() > 63) {
            throw new IllegalArgumentException("amount '" + majorUnits + "' is too large");
        }
        return new Money(minor.longValue(), currency);
    }

    /** Looks up an ISO 4217 code, with an error that names the bad value. */
    public static Currency currency(String code) {
        try {
            return Currency.getInstance(Objects.requireNonNull(code, "currency").trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + code + "' is not an ISO 4217 code");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    /** This amount times {@code factor}, rounded half up to the currency's minor unit. */
    public Money times(java.math.BigDecimal factor) {
        return new Money(java.math.BigDecimal.valueOf(minorUnits).multiply(factor)
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(), currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** The amount in major units as an exact decimal, e.g. {@code 12.34}. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    /** The amount as the decimal string used in JSON and CSV, e.g. {@code "12000.50"}. */
    public String toDecimalString() {
        return toBigDecimal().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toDecimalString();
    }
}
