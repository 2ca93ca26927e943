package io.tenure.journey;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The designed (ideal) journey: target days per stage and segment (enterprise, mid-market, SMB, tech-touch). */
@ObjectClassDefinition(name = "Tenure designed journey", description = "Target durations the actual journey is compared with.")
public @interface JourneyConfig {
    String PID = "io.tenure.journey";

    @AttributeDefinition(name = "Pre-sale days", description = "Target days from the first qualified conversation to signature: enterprise, mid-market, SMB, tech-touch.")
    int[] preSaleDays() default { 120, 60, 30, 14 };

    @AttributeDefinition(name = "Onboarding days", description = "Target days in onboarding: enterprise, mid-market, SMB, tech-touch.")
    int[] onboardingDays() default { 90, 60, 42, 14 };

    @AttributeDefinition(name = "Days to first value", description = "Target days from signature to the first value moment, per segment.")
    int[] firstValueDays() default { 60, 45, 30, 7 };

    @AttributeDefinition(name = "Renewal window days", description = "Days before a renewal an account is in renewal & expansion; also the target stay in that stage.")
    int renewalWindowDays() default 90;
}
