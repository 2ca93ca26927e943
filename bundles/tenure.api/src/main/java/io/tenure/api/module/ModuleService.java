package io.tenure.api.module;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists and switches the runtime's features and bundles while it serves requests. Which features and
 * bundles are switched on is persisted and restored on the next start.
 */
@ProviderType
public interface ModuleService {

    /** Every feature, then every bundle, with its current state. */
    List<ModuleInfo> modules();

    /**
     * Every feature with its current state, without the bundles; {@link ModuleInfo#contributions()} may be left
     * empty: what {@code /health} asks on each call, so the runtime answers it without walking every bundle's
     * services ({@link #modules()} and {@link #module(String)} give the contributions).
     *
     * @since 1.2
     */
    default List<ModuleInfo> features() {
        return modules().stream().filter(m -> m.kind() == ModuleKind.FEATURE).toList();
    }

    /** One module by feature name, bundle symbolic name or numeric bundle id. */
    Optional<ModuleInfo> module(String id);

    /** Starts a feature (all its bundles) or a bundle; returns its state afterwards. */
    ModuleInfo start(String id) throws ModuleException;

    /** Stops a feature (its bundles no other active feature needs) or a bundle; returns its state afterwards. */
    ModuleInfo stop(String id) throws ModuleException;

    /** Replaces a bundle with new content, refreshing its dependants. */
    ModuleInfo update(String id, InputStream bundle) throws ModuleException;

    /** Removes a bundle that was deployed or uploaded (feature bundles are stopped, not removed). */
    void uninstall(String id) throws ModuleException;

    /** Installs and starts an uploaded bundle; if a bundle with that symbolic name exists it is updated. */
    ModuleInfo install(String fileName, InputStream bundle) throws ModuleException;
}
