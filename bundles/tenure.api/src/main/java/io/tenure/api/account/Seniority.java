package io.tenure.api.account;

/** How senior a contact is. */
public enum Seniority {
    INDIVIDUAL, MANAGER, DIRECTOR, VP, C_LEVEL;

    public String code() {
        return Coded.code(this);
    }

    public static Seniority parse(String code) {
        return Coded.parse(Seniority.class, "seniority", code);
    }
}
