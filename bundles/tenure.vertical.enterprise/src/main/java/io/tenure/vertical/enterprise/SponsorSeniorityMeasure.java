package io.tenure.vertical.enterprise;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.account.Seniority;
import io.tenure.api.data.Codes;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Relationship, enterprise accounts only: the seniority of the most senior engaged contact; an engaged executive
 * sponsor at C-level scores 100, a VP 80, a director 50, a manager 20, individual contributors only 0.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class SponsorSeniorityMeasure implements HealthMeasure {
    static final Map<Seniority, Double> SCORES = Map.of(Seniority.C_LEVEL, 100.0, Seniority.VP, 80.0, Seniority.DIRECTOR, 50.0,
            Seniority.MANAGER, 20.0, Seniority.INDIVIDUAL, 0.0);

    @Override
    public String name() {
        return "enterprise_sponsor_seniority";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (!Stakeholders.enterprise(h.account()) || h.contacts().isEmpty()) {
            return Optional.empty();
        }
        Optional<Seniority> top = Stakeholders.seniority(h.contacts(), h.asOf());
        boolean sponsor = Stakeholders.sponsor(h.contacts(), h.asOf()).isPresent();
        double score = top.map(SCORES::get).orElse(0.0);
        return Optional.of(new MeasureResult(score, top.map(s -> "most senior engaged contact: " + Codes.code(s)).orElse(
                "no engaged contact") + (sponsor ? "; an engaged executive sponsor" : "; no engaged executive sponsor")));
    }
}
