package io.tenure.store;

import java.util.List;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.Csm;
import io.tenure.api.account.StageChange;
import io.tenure.api.advocacy.AdvocacyActivity;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.EntityType;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.health.HealthScore;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.Opportunity;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.task.Task;

/** Every entity of the domain, in dependency order: CSMs and accounts before what belongs to an account. */
public final class Entities {
    public static final List<EntityType<?>> ALL = List.of(Csm.TYPE, Account.TYPE, Subscription.TYPE, ArrMovement.TYPE,
            Contact.TYPE, UsageRollup.TYPE, SurveyResponse.TYPE, SupportTicket.TYPE, Interaction.TYPE, Milestone.TYPE,
            Handoff.TYPE, StageChange.TYPE, Task.TYPE, Opportunity.TYPE, Referral.TYPE, AdvocacyActivity.TYPE,
            ChurnRecord.TYPE, HealthScore.TYPE, ForecastOverride.TYPE);

    private Entities() {
    }
}
