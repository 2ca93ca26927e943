package io.tenure.playbooks.triggers;

import java.util.List;
import java.util.Map;

import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.playbooks.Settings;

/** Every default trigger of the domain with its default settings, for use outside the OSGi runtime (tests, benchmarks). */
public final class DefaultTriggers {
    private DefaultTriggers() {
    }

    public static List<PlaybookTrigger> all() {
        return List.of(new UsageDecline(Settings.of(UsageDecline.Config.class, Map.of())),
                new ChampionLeft(Settings.of(ChampionLeft.Config.class, Map.of())),
                new NpsDetractor(Settings.of(NpsDetractor.Config.class, Map.of())),
                new OnboardingStall(Settings.of(OnboardingStall.Config.class, Map.of())),
                new OnboardingDrift(Settings.of(OnboardingDrift.Config.class, Map.of())),
                new PrematureCompletion(Settings.of(PrematureCompletion.Config.class, Map.of())),
                new UsagePlateau(Settings.of(UsagePlateau.Config.class, Map.of())),
                new SingleThreaded(Settings.of(SingleThreaded.Config.class, Map.of())),
                new NewDecisionMaker(Settings.of(NewDecisionMaker.Config.class, Map.of())),
                new ExpansionSeats(Settings.of(ExpansionSeats.Config.class, Map.of())),
                new ExpansionLimits(Settings.of(ExpansionLimits.Config.class, Map.of())),
                new ExpansionNewUseCase(Settings.of(ExpansionNewUseCase.Config.class, Map.of())),
                new ExpansionStrategicNews(Settings.of(ExpansionStrategicNews.Config.class, Map.of())),
                new ReferralAsk(Settings.of(ReferralAsk.Config.class, Map.of())),
                new RenewalRisk(Settings.of(RenewalRisk.Config.class, Map.of())),
                new ChurnPostmortem(Settings.of(ChurnPostmortem.Config.class, Map.of())),
                new ReEngagement(Settings.of(ReEngagement.Config.class, Map.of())));
    }
}
