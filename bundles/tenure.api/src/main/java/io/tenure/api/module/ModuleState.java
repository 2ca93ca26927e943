package io.tenure.api.module;

/**
 * The state of a module as read from the framework. A bundle reports its OSGi state; a feature is
 * {@link #ACTIVE} when all its bundles are, {@link #STOPPED} when it is switched off, and {@link #FAILED}
 * when it is switched on but a bundle of it could not start, {@link #PARTIAL} when it is switched on and an
 * administrator stopped some of its bundles.
 */
public enum ModuleState {
    INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING, STOPPED, PARTIAL, FAILED
}
