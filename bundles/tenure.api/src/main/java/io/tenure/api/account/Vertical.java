package io.tenure.api.account;

/** The go-to-market motion an account belongs to; each has an optional vertical bundle. */
public enum Vertical {
    ENTERPRISE, PLG, MARKETPLACE, HAAS;

    /** The code used in files and URLs: {@code enterprise}, {@code plg}, {@code marketplace}, {@code haas}. */
    public String code() {
        return Coded.code(this);
    }

    /** @throws IllegalArgumentException naming the value and the accepted codes */
    public static Vertical parse(String code) {
        return Coded.parse(Vertical.class, "vertical", code);
    }
}
