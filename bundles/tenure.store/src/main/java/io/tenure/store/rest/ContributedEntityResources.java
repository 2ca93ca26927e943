package io.tenure.store.rest;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;
import io.tenure.api.rest.ApiResource;
import io.tenure.store.Entities;

/**
 * {@code /api/v1/{name}} for the entities bundles contribute: one {@link EntityResource} registered under their names
 * while the contribution is there (the core entities' paths are never taken over). What a request may do is the same
 * as for a core entity; a type the store refused answers 404.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = {})
public class ContributedEntityResources {
    private static final Set<String> CORE = Entities.ALL.stream().map(EntityType::name).collect(Collectors.toSet());

    @Reference
    private DataStore store;

    private BundleContext context;
    private final Map<EntityContribution, ServiceRegistration<ApiResource>> registrations = new HashMap<>();
    private final Map<EntityContribution, List<String>> pending = new HashMap<>();

    @Activate
    void activate(BundleContext bundleContext) {
        synchronized (registrations) {
            this.context = bundleContext;
            pending.forEach(this::register);
            pending.clear();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (registrations) {
            registrations.values().forEach(ServiceRegistration::unregister);
            registrations.clear();
            context = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(EntityContribution contribution) {
        List<String> names;
        try {
            names = contribution.types().stream().map(EntityType::name).filter(n -> !CORE.contains(n)).toList();
        } catch (RuntimeException e) {
            return; // the store logs and reports the failure
        }
        synchronized (registrations) {
            if (context == null) {
                pending.put(contribution, names);
            } else {
                register(contribution, names);
            }
        }
    }

    void removeContribution(EntityContribution contribution) {
        synchronized (registrations) {
            pending.remove(contribution);
            ServiceRegistration<ApiResource> r = registrations.remove(contribution);
            if (r != null) {
                try {
                    r.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the bundle
                }
            }
        }
    }

    private void register(EntityContribution contribution, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ApiResource.PATH, names.toArray(new String[0]));
        registrations.put(contribution, context.registerService(ApiResource.class, new EntityResource(store), props));
    }
}
