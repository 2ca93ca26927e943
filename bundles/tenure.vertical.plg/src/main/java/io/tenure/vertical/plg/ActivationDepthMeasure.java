package io.tenure.vertical.plg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Usage, PLG workspaces only: the distinct core features used over the last 30 days (a setting). Below the activation
 * depth (2, a setting) the score rises from 0 to 70; at it the workspace counts as activated and scores 70 (green by
 * default); every core feature in use scores 100. A workspace that never got past one feature has not found the habit
 * that keeps it.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class ActivationDepthMeasure implements HealthMeasure {
    /** The score of a workspace exactly at the activation depth. */
    static final double ACTIVATED = 70;

    @Reference
    private Plg plg;
    @Reference
    private CoreFeatures core;

    public ActivationDepthMeasure() {
    }

    ActivationDepthMeasure(Plg plg, CoreFeatures core) {
        this.plg = plg;
        this.core = core;
    }

    @Override
    public String name() {
        return "plg_activation_depth";
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
        List<String> features = core.current();
        if (features.isEmpty()) {
            return Optional.empty();
        }
        Plg.Config c = plg.config();
        Set<String> used = Workspaces.coreUsed(h.usage(), features, h.asOf().minusDays(c.depthLookbackDays()), h.asOf());
        List<String> missing = new ArrayList<>(features);
        missing.removeAll(used);
        String detail = used.size() + " of " + features.size() + " core features used in the last " + c.depthLookbackDays()
                + " days" + (used.size() >= c.activationDepth() ? "; activated" : "; not activated (needs "
                        + c.activationDepth() + ")") + (missing.isEmpty() ? "" : "; unused: " + String.join(", ", missing));
        return Optional.of(new MeasureResult(score(used.size(), c.activationDepth(), features.size()), detail));
    }

    /** 0 to 70 below the activation depth, 70 at it, 100 with every core feature in use. */
    static double score(int used, int depth, int core) {
        if (used < depth) {
            return ACTIVATED * used / depth;
        }
        return core <= depth ? 100 : ACTIVATED + (100 - ACTIVATED) * (Math.min(used, core) - depth) / (core - depth);
    }
}
