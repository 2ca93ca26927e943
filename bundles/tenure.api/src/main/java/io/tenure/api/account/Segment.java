package io.tenure.api.account;

/** Segment by contract value (DOMAIN §7): enterprise, mid-market, SMB, tech-touch. */
public enum Segment {
    ENTERPRISE, MID_MARKET, SMB, TECH_TOUCH;

    /** The code used in files and URLs, e.g. {@code mid_market}. */
    public String code() {
        return Coded.code(this);
    }

    /** Accepts {@code mid_market} and {@code mid-market}. */
    public static Segment parse(String code) {
        return Coded.parse(Segment.class, "segment", code);
    }
}
