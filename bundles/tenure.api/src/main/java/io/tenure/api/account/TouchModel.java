package io.tenure.api.account;

/** How much human attention an account receives (DOMAIN §7). */
public enum TouchModel {
    HIGH_TOUCH, LOW_TOUCH, TECH_TOUCH;

    public String code() {
        return Coded.code(this);
    }

    public static TouchModel parse(String code) {
        return Coded.parse(TouchModel.class, "touch model", code);
    }
}
