package io.tenure.api.account;

/** The five stages of the customer journey in order, plus {@link #CHURNED} (DOMAIN §2). */
public enum JourneyStage {
    PRE_SALE, ONBOARDING, ADOPTION, RENEWAL_EXPANSION, ADVOCACY, CHURNED;

    public String code() {
        return Coded.code(this);
    }

    public static JourneyStage parse(String code) {
        return Coded.parse(JourneyStage.class, "journey stage", code);
    }
}
