package io.tenure.api.module;

/** A feature is a named group of bundles (one file in {@code features/}); a bundle is one OSGi bundle. */
public enum ModuleKind {
    FEATURE, BUNDLE
}
