package io.tenure.api.module;

import java.util.List;
import java.util.Optional;

/**
 * One feature or bundle as the runtime sees it now.
 *
 * @param id the feature name ({@code console}) or bundle symbolic name ({@code tenure.console})
 * @param kind feature or bundle
 * @param name human-readable name
 * @param version version string
 * @param vendor who ships it
 * @param state current state, read from the framework
 * @param required {@code true} when Tenure cannot run without it, so it cannot be stopped
 * @param origin where it came from: {@code system}, {@code feature}, {@code deploy} or {@code upload}
 * @param members for a feature its bundles' ids; for a bundle the features it belongs to
 * @param dependencies ids of bundles this one imports packages from (for a feature: other features it needs)
 * @param contributions what it contributes while active
 * @param error why it failed, when {@code state} is {@link ModuleState#FAILED}
 */
public record ModuleInfo(String id, ModuleKind kind, String name, String version, String vendor, ModuleState state,
        boolean required, String origin, List<String> members, List<String> dependencies,
        List<Contribution> contributions, Optional<String> error) {

    public ModuleInfo {
        members = List.copyOf(members);
        dependencies = List.copyOf(dependencies);
        contributions = List.copyOf(contributions);
    }
}
