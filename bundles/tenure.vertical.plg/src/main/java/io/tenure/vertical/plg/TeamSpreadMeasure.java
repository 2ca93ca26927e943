package io.tenure.vertical.plg;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Usage, PLG workspaces only: how far use has spread from one person to a team, as the most users active on one day
 * over the last 30 days (a setting) against the team-spread target (5 users, a setting); the target or more scores
 * 100. Seats against licences are the core {@code seat_utilisation} measure's business; this one asks whether the
 * workspace is a team's tool or one person's.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class TeamSpreadMeasure implements HealthMeasure {
    @Reference
    private Plg plg;

    public TeamSpreadMeasure() {
    }

    TeamSpreadMeasure(Plg plg) {
        this.plg = plg;
    }

    @Override
    public String name() {
        return "plg_team_spread";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (!Workspaces.plg(h.account()) || h.usage().isEmpty()) {
            return Optional.empty();
        }
        Plg.Config c = plg.config();
        long users = Workspaces.peakUsers(h.usage(), h.asOf().minusDays(c.depthLookbackDays()), h.asOf());
        double score = Math.min(100, 100.0 * users / c.teamSpreadTarget());
        return Optional.of(new MeasureResult(score, users + " active users at the peak of the last " + c.depthLookbackDays()
                + " days against a team of " + c.teamSpreadTarget()));
    }
}
