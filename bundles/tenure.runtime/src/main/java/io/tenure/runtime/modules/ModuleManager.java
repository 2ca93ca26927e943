package io.tenure.runtime.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.module.Contribution;
import io.tenure.api.module.ModuleException;
import io.tenure.api.module.ModuleException.Reason;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleKind;
import io.tenure.api.module.ModuleService;
import io.tenure.api.module.ModuleState;
import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;

/**
 * Installs the bundles of every feature in {@code features/}, starts those of the active features, and starts and
 * stops features and bundles on request while the runtime serves. State is always read from the framework; the
 * only thing kept here is what an administrator chose, persisted in {@code data/modules.json}.
 *
 * <p>Bundles dropped into {@code deploy/} are installed, updated and removed by Felix FileInstall; an upload is
 * written to the same folder, so a deployed bundle has one source of truth whether it came by file or by console.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = {ModuleService.class, ReadinessCheck.class}, immediate = true,
        property = ReadinessCheck.FEATURE_PROPERTY + "=core")
public class ModuleManager implements ModuleService, ReadinessCheck, BundleListener {
    /** Framework property: the installation folder holding features/, bundles/, system/ and deploy/. */
    public static final String HOME_PROPERTY = "tenure.home";
    /** Framework property: the data folder. */
    public static final String DATA_PROPERTY = "tenure.data";

    private static final Logger LOG = LoggerFactory.getLogger(ModuleManager.class);
    private static final long DEPLOY_WAIT_MS = 15_000;

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Path home;
    private final Path deployDir;
    private final FeatureCatalog catalog;
    private final ModuleChoices choices;
    private final Map<Long, String> failures = new ConcurrentHashMap<>();
    private final Map<String, String> featureFailures = new ConcurrentHashMap<>();
    /** Features whose bundles are being started right now: they read as STARTING, not FAILED. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    /** Feature switches in progress, and how many have finished: readiness ignores what it read while one ran. */
    private final java.util.concurrent.atomic.AtomicInteger switching = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong switched = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "tenure-modules"));
    private final CountDownLatch booted = new CountDownLatch(1);
    private final Object lock = new Object();
    /** Where each feature bundle's file was found ({@code file:} URI, the bundle's location); the files stay put. */
    private final Map<String, String> locations = new ConcurrentHashMap<>();
    private final String deployUriPath;
    private final String deployPath;

    @Activate
    public ModuleManager(BundleContext context, @Reference ConfigurationAdmin configAdmin) throws IOException {
        this.context = context;
        this.configAdmin = configAdmin;
        this.home = Path.of(required(context, HOME_PROPERTY)).toAbsolutePath().normalize();
        this.deployDir = home.resolve("deploy");
        this.deployUriPath = deployDir.toUri().getPath();
        this.deployPath = deployDir.toString();
        this.catalog = FeatureCatalog.load(home.resolve("features"));
        this.choices = ModuleChoices.load(Path.of(required(context, DATA_PROPERTY)).resolve("modules.json"));
        context.addBundleListener(this);
        background.execute(this::boot);
    }

    private static String required(BundleContext context, String property) {
        String value = context.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("framework property " + property + " is not set; start Tenure with bin/tenure");
        }
        return value;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(this);
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Installs every feature's bundles, then starts the active features in catalog order (required first). */
    private void boot() {
        long started = System.nanoTime();
        synchronized (lock) {
            reconcile();
            for (FeatureDefinition feature : catalog.features()) {
                try {
                    install(feature);
                } catch (ModuleException e) {
                    featureFailures.put(feature.name(), e.getMessage());
                    LOG.error("Feature {} cannot be installed: {}", feature.name(), e.getMessage());
                }
            }
            for (FeatureDefinition feature : catalog.features()) {
                if (choices.isActive(feature) && !featureFailures.containsKey(feature.name())) {
                    startBundles(feature);
                }
            }
        }
        booted.countDown();
        LOG.info("Features started in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                catalog.features().stream().filter(choices::isActive).map(FeatureDefinition::name).toList());
    }

    // ---- ModuleService ---------------------------------------------------------------------------------------

    @Override
    public List<ModuleInfo> modules() {
        List<ModuleInfo> modules = new ArrayList<>();
        for (FeatureDefinition feature : catalog.features()) {
            modules.add(featureInfo(feature));
        }
        Bundle[] bundles = context.getBundles();
        java.util.Arrays.sort(bundles, Comparator.comparing(Bundle::getSymbolicName, Comparator.nullsLast(String::compareTo)));
        for (Bundle bundle : bundles) {
            modules.add(bundleInfo(bundle));
        }
        return modules;
    }

    @Override
    public List<ModuleInfo> features() {
        List<ModuleInfo> features = new ArrayList<>();
        for (FeatureDefinition feature : catalog.features()) {
            features.add(featureInfo(feature, false));
        }
        return features;
    }

    @Override
    public Optional<ModuleInfo> module(String id) {
        Optional<FeatureDefinition> feature = catalog.feature(id);
        if (feature.isPresent()) {
            return Optional.of(featureInfo(feature.get()));
        }
        return findBundle(id).map(this::bundleInfo);
    }

    @Override
    public ModuleInfo start(String id) throws ModuleException {
        awaitBoot();
        synchronized (lock) {
            Optional<FeatureDefinition> feature = catalog.feature(id);
            if (feature.isPresent()) {
                FeatureDefinition f = feature.get();
                for (String needed : f.requires()) {
                    FeatureDefinition n = catalog.feature(needed).orElseThrow();
                    if (!choices.isActive(n)) {
                        start(needed);
                    }
                }
                starting.add(f.name());
                switching.incrementAndGet();
                try {
                    persist(() -> choices.setActive(f.name(), true));
                    featureFailures.remove(f.name());
                    install(f);
                    startBundles(f);
                } finally {
                    starting.remove(f.name());
                    switched.incrementAndGet();
                    switching.decrementAndGet();
                }
                LOG.info("Feature {} started", f.name());
                return featureInfo(f);
            }
            Bundle bundle = bundle(id);
            persist(() -> choices.setStoppedByHand(bundle.getSymbolicName(), false));
            startBundle(bundle);
            String error = failures.get(bundle.getBundleId());
            if (error != null) {
                throw new ModuleException(Reason.FAILED, "bundle " + id + " did not start: " + error);
            }
            LOG.info("Bundle {} started", bundle.getSymbolicName());
            return bundleInfo(bundle);
        }
    }

    @Override
    public ModuleInfo stop(String id) throws ModuleException {
        awaitBoot();
        synchronized (lock) {
            Optional<FeatureDefinition> feature = catalog.feature(id);
            if (feature.isPresent()) {
                FeatureDefinition f = feature.get();
                if (f.required()) {
                    throw new ModuleException(Reason.REQUIRED, "feature " + id + " is required by Tenure and cannot be stopped");
                }
                for (FeatureDefinition other : catalog.features()) {
                    if (other.requires().contains(f.name()) && choices.isActive(other)) {
                        throw new ModuleException(Reason.REQUIRED, "feature " + id + " is needed by active feature "
                                + other.name() + "; stop " + other.name() + " first");
                    }
                }
                switching.incrementAndGet();
                try {
                    persist(() -> choices.setActive(f.name(), false));
                    featureFailures.remove(f.name());
                    List<FeatureDefinition.BundleRef> refs = new ArrayList<>(f.bundles());
                    java.util.Collections.reverse(refs);
                    for (FeatureDefinition.BundleRef ref : refs) {
                        Bundle bundle = installed(ref).orElse(null);
                        if (bundle != null && !isRequired(bundle) && !neededByOtherActiveFeature(ref, f)) {
                            stopBundle(bundle);
                        }
                    }
                } finally {
                    switched.incrementAndGet();
                    switching.decrementAndGet();
                }
                LOG.info("Feature {} stopped", f.name());
                return featureInfo(f);
            }
            Bundle bundle = bundle(id);
            if (isRequired(bundle)) {
                throw new ModuleException(Reason.REQUIRED, "bundle " + id + " is required by Tenure and cannot be stopped");
            }
            persist(() -> choices.setStoppedByHand(bundle.getSymbolicName(), true));
            stopBundle(bundle);
            LOG.info("Bundle {} stopped", bundle.getSymbolicName());
            return bundleInfo(bundle);
        }
    }

    @Override
    public ModuleInfo install(String fileName, InputStream content) throws ModuleException {
        awaitBoot();
        Path upload = null;
        try {
            Files.createDirectories(deployDir);
            upload = Files.createTempFile(deployDir, ".upload-", ".part");
            Files.copy(content, upload, StandardCopyOption.REPLACE_EXISTING);
            BundleIdentity identity = BundleIdentity.read(upload, fileName);
            synchronized (lock) {
                Optional<Bundle> existing = findBundle(identity.symbolicName());
                if (existing.isPresent() && !isDeployed(existing.get())) {
                    throw new ModuleException(Reason.REQUIRED, "bundle " + identity.symbolicName()
                            + " is part of Tenure; a deployed bundle cannot replace it");
                }
                Path target = existing.map(this::deployedFile).orElse(deployDir.resolve(identity.fileName()));
                // a replaced bundle counts as deployed only once FileInstall has applied the new file (it was active
                // before already): its last-modified time moves then
                long replacedAt = existing.map(Bundle::getLastModified).orElse(Long.MIN_VALUE);
                Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                upload = null;
                persist(() -> choices.setStoppedByHand(identity.symbolicName(), false));
                Bundle bundle = awaitDeployed(identity, replacedAt);
                LOG.info("Bundle {} {} deployed from upload {}", identity.symbolicName(), identity.version(), fileName);
                return bundleInfo(bundle);
            }
        } catch (IOException e) {
            throw new ModuleException(Reason.FAILED, "could not store the uploaded bundle: " + e.getMessage(), e);
        } finally {
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException ignored) {
                    // a leftover .part file is ignored by FileInstall and removed at the next upload
                }
            }
        }
    }

    @Override
    public ModuleInfo update(String id, InputStream content) throws ModuleException {
        Bundle bundle = bundle(id);
        if (!isDeployed(bundle)) {
            throw new ModuleException(Reason.REQUIRED, "bundle " + id + " is part of a Tenure feature; only deployed"
                    + " bundles can be replaced at runtime");
        }
        return install(bundle.getSymbolicName() + ".jar", content);
    }

    @Override
    public void uninstall(String id) throws ModuleException {
        awaitBoot();
        synchronized (lock) {
            Bundle bundle = bundle(id);
            if (!isDeployed(bundle)) {
                throw new ModuleException(Reason.REQUIRED, "bundle " + id + " is part of a Tenure feature and cannot be"
                        + " uninstalled; stop it or its feature instead");
            }
            try {
                Files.deleteIfExists(deployedFile(bundle));
            } catch (IOException e) {
                throw new ModuleException(Reason.FAILED, "could not remove " + deployedFile(bundle) + ": " + e.getMessage(), e);
            }
            long deadline = System.currentTimeMillis() + DEPLOY_WAIT_MS;
            while (bundle.getState() != Bundle.UNINSTALLED) {
                if (System.currentTimeMillis() > deadline) {
                    throw new ModuleException(Reason.FAILED, "bundle " + id + " was not uninstalled within "
                            + DEPLOY_WAIT_MS / 1000 + " s after its file was removed from deploy/");
                }
                sleep(50);
            }
            persist(() -> choices.setStoppedByHand(bundle.getSymbolicName(), false));
            failures.remove(bundle.getBundleId());
            refresh(List.of());
            LOG.info("Bundle {} uninstalled", bundle.getSymbolicName());
        }
    }

    // ---- ReadinessCheck --------------------------------------------------------------------------------------

    @Override
    public String name() {
        return "modules";
    }

    @Override
    public Readiness check() {
        if (booting()) {
            return Readiness.notReady("starting features");
        }
        long before = switched.get();
        if (switching.get() > 0) {
            return Readiness.ready("a feature is being switched on or off");
        }
        List<String> notReady = new ArrayList<>();
        for (FeatureDefinition feature : catalog.features()) {
            ModuleState state = featureInfo(feature, false).state();
            // A feature an administrator is starting right now does not make the runtime unready.
            if (choices.isActive(feature) && state != ModuleState.ACTIVE && state != ModuleState.PARTIAL
                    && state != ModuleState.STARTING) {
                notReady.add(feature.name() + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (!notReady.isEmpty() && (switching.get() > 0 || switched.get() != before)) {
            // read while an administrator switched a feature: the choice and the bundle states may not match yet
            return Readiness.ready("a feature is being switched on or off");
        }
        return notReady.isEmpty() ? Readiness.ready("all active features started") : Readiness.notReady(String.join("; ", notReady));
    }

    // ---- BundleListener --------------------------------------------------------------------------------------

    /** Keeps a bundle an administrator stopped stopped when something else (FileInstall at start) starts it. */
    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (event.getType() == BundleEvent.STARTED && bundle.getSymbolicName() != null
                && choices.isStoppedByHand(bundle.getSymbolicName()) && !isRequired(bundle)) {
            background.execute(() -> {
                synchronized (lock) {
                    if (choices.isStoppedByHand(bundle.getSymbolicName())) {
                        stopBundle(bundle);
                    }
                }
            });
        }
        if (event.getType() == BundleEvent.UNINSTALLED) {
            failures.remove(bundle.getBundleId());
        }
    }

    // ---- Framework operations --------------------------------------------------------------------------------

    private void install(FeatureDefinition feature) throws ModuleException {
        for (FeatureDefinition.BundleRef ref : feature.bundles()) {
            if (installed(ref).isPresent()) {
                continue;
            }
            Path file = locate(ref).orElseThrow(() -> new ModuleException(Reason.NOT_FOUND, "feature " + feature.name()
                    + ": bundle " + ref.coordinates() + " is not in bundles/ or system/ (looked for " + ref.fileName() + ")"));
            try {
                context.installBundle(file.toUri().toString());
            } catch (BundleException | RuntimeException e) {
                throw new ModuleException(Reason.INVALID, "feature " + feature.name() + ": bundle " + ref.coordinates()
                        + " cannot be installed: " + e.getMessage(), e);
            }
        }
    }

    private void startBundles(FeatureDefinition feature) {
        applyConfigurations(feature);
        for (FeatureDefinition.BundleRef ref : feature.bundles()) {
            installed(ref).ifPresent(bundle -> {
                if (!choices.isStoppedByHand(bundle.getSymbolicName())) {
                    startBundle(bundle);
                }
            });
        }
    }

    /**
     * True until the boot has asked for the active features' bundles to start and the framework has started them: the
     * framework's start-level thread starts them one after another after the boot, so until the framework (the system
     * bundle) has started, a bundle not active yet is queued, not failed.
     */
    private boolean booting() {
        if (booted.getCount() > 0) {
            return true;
        }
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        return system != null && system.getState() == Bundle.STARTING;
    }

    private void startBundle(Bundle bundle) {
        if (isFragment(bundle) || bundle.getState() == Bundle.ACTIVE) {
            failures.remove(bundle.getBundleId());
            return;
        }
        try {
            bundle.start();
            failures.remove(bundle.getBundleId());
        } catch (BundleException | RuntimeException e) {
            String cause = e.getCause() != null && e.getCause() != e ? e.getMessage() + " (cause: " + e.getCause() + ")" : e.getMessage();
            failures.put(bundle.getBundleId(), cause);
            LOG.error("Bundle {} failed to start: {}", bundle.getSymbolicName(), cause, e);
        }
    }

    private void stopBundle(Bundle bundle) {
        if (isFragment(bundle) || (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return;
        }
        try {
            bundle.stop();
            failures.remove(bundle.getBundleId());
        } catch (BundleException | RuntimeException e) {
            failures.put(bundle.getBundleId(), "failed to stop: " + e.getMessage());
            LOG.error("Bundle {} failed to stop cleanly", bundle.getSymbolicName(), e);
        }
    }

    /** Applies a feature's default configuration to PIDs that have none yet, so an administrator's edits win. */
    private void applyConfigurations(FeatureDefinition feature) {
        for (Map.Entry<String, Map<String, Object>> entry : feature.configurations().entrySet()) {
            String pid = entry.getKey();
            try {
                Configuration configuration;
                int tilde = pid.indexOf('~');
                if (tilde > 0) {
                    configuration = configAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
                } else {
                    configuration = configAdmin.getConfiguration(pid, "?");
                }
                if (configuration.getProperties() == null) {
                    Dictionary<String, Object> properties = new Hashtable<>(entry.getValue());
                    configuration.update(properties);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Feature {}: configuration {} could not be applied: {}", feature.name(), pid, e.getMessage());
            }
        }
    }

    /**
     * The framework cache survives restarts (a restart does not install every bundle again), so at boot the cached
     * feature bundles are brought in line with the files: a bundle whose file in bundles/ is newer than the cached
     * copy is updated, one that no feature names any more (an older version after an upgrade) is uninstalled.
     */
    /**
     * The JARs a first start seeded from the distribution's cache template found identical to their cached copies, with
     * their file times (written by the launcher, see its CacheTemplate): such a file is newer than its cached bundle
     * only because the installation was copied, and needs no update while it keeps that time.
     */
    private java.util.Properties verifiedBundles() {
        java.util.Properties p = new java.util.Properties();
        String data = context.getProperty(DATA_PROPERTY);
        if (data == null) {
            return p;
        }
        Path file = Path.of(data).resolve("cache").resolve("verified-bundles.properties");
        if (Files.isRegularFile(file)) {
            try (java.io.InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("Cannot read {}: every newer bundle file is taken as changed", file);
            }
        }
        return p;
    }

    private void reconcile() {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (FeatureDefinition feature : catalog.features()) {
            for (FeatureDefinition.BundleRef ref : feature.bundles()) {
                locate(ref).ifPresent(f -> named.add(f.toUri().toString()));
            }
        }
        String bundlesDir = home.resolve("bundles").toUri().toString();
        java.util.Properties verified = verifiedBundles();
        List<Bundle> changed = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (!location.startsWith(bundlesDir)) {
                continue;
            }
            try {
                if (!named.contains(location)) {
                    LOG.info("Uninstalling {} {}: no feature names it any more", bundle.getSymbolicName(), bundle.getVersion());
                    bundle.uninstall();
                    changed.add(bundle);
                    continue;
                }
                Path file = Path.of(java.net.URI.create(location));
                long fileMillis = Files.getLastModifiedTime(file).toMillis();
                if (fileMillis > bundle.getLastModified() && !String.valueOf(fileMillis).equals(verified.getProperty(location))) {
                    try (java.io.InputStream in = Files.newInputStream(file)) {
                        bundle.update(in);
                    }
                    LOG.info("Updated {} from {}: the file is newer than the cached copy", bundle.getSymbolicName(), file.getFileName());
                    changed.add(bundle);
                }
            } catch (BundleException | IOException | RuntimeException e) {
                LOG.error("Bundle {} could not be brought up to date: {}", location, e.getMessage());
            }
        }
        if (!changed.isEmpty()) {
            refresh(changed);
        }
    }

    /** Refreshes the wiring after bundles went away or changed and waits for it, so no stale wiring survives. */
    private void refresh(Collection<Bundle> bundles) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (bundles.isEmpty() && wiring.getRemovalPendingBundles().isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles.isEmpty() ? null : bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether an active bundle's components have registered what they offer: Declarative Services activates them just
     * after the bundle starts, so an answer right after "active" could name none of them. A bundle without components,
     * or one still without services by {@code until}, counts as it is.
     */
    private static boolean contributing(Bundle bundle, long until) {
        if (bundle.getHeaders().get("Service-Component") == null || System.currentTimeMillis() > until) {
            return true;
        }
        org.osgi.framework.ServiceReference<?>[] services = bundle.getRegisteredServices();
        return services != null && services.length > 0;
    }

    private Bundle awaitDeployed(BundleIdentity identity, long replacedAt) throws ModuleException {
        long deadline = System.currentTimeMillis() + DEPLOY_WAIT_MS;
        // FileInstall skips a file whose content it already has: then the bundle is not touched and counts as is
        long replacedBy = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() > replacedBy) {
                replacedAt = Long.MIN_VALUE;
            }
            for (Bundle bundle : context.getBundles()) {
                if (identity.symbolicName().equals(bundle.getSymbolicName())
                        && identity.version().equals(bundle.getVersion().toString()) && isDeployed(bundle)) {
                    int state = bundle.getState();
                    if (bundle.getLastModified() > replacedAt
                            && (state == Bundle.ACTIVE && contributing(bundle, replacedBy)
                                    || isFragment(bundle) && state == Bundle.RESOLVED)) {
                        return bundle;
                    }
                }
            }
            sleep(50);
        }
        Optional<Bundle> installed = findBundle(identity.symbolicName());
        throw new ModuleException(Reason.FAILED, "bundle " + identity.symbolicName() + " " + identity.version()
                + (installed.isPresent() ? " was installed but is " + stateOf(installed.get()).name().toLowerCase(java.util.Locale.ROOT)
                        + " (missing imports or an exception on start; see the log)" : " was not installed within "
                        + DEPLOY_WAIT_MS / 1000 + " s; see the log"));
    }

    // ---- Reading state ---------------------------------------------------------------------------------------

    private ModuleInfo featureInfo(FeatureDefinition feature) {
        return featureInfo(feature, true);
    }

    /** A feature's state; what its bundles contribute only when asked (it walks every service they registered). */
    private ModuleInfo featureInfo(FeatureDefinition feature, boolean withContributions) {
        List<String> members = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>();
        boolean allActive = true;
        boolean anyStoppedByHand = false;
        String error = featureFailures.get(feature.name());
        for (FeatureDefinition.BundleRef ref : feature.bundles()) {
            members.add(ref.artifactId());
            Optional<Bundle> bundle = installed(ref);
            if (bundle.isEmpty()) {
                allActive = false;
                continue;
            }
            Bundle b = bundle.get();
            if (!isFragment(b) && b.getState() != Bundle.ACTIVE) {
                allActive = false;
                anyStoppedByHand |= choices.isStoppedByHand(b.getSymbolicName());
                String failure = failures.get(b.getBundleId());
                if (failure != null && error == null) {
                    error = b.getSymbolicName() + ": " + failure;
                }
            }
            if (withContributions) {
                contributions.addAll(contributions(b));
            }
        }
        ModuleState state;
        if (!choices.isActive(feature)) {
            state = ModuleState.STOPPED;
        } else if (error != null) {
            state = ModuleState.FAILED;
        } else if (allActive) {
            state = ModuleState.ACTIVE;
        } else if (booting() || starting.contains(feature.name())) {
            state = ModuleState.STARTING;
        } else {
            state = anyStoppedByHand ? ModuleState.PARTIAL : ModuleState.FAILED;
            if (!anyStoppedByHand) {
                error = "not every bundle of the feature is active";
            }
        }
        return new ModuleInfo(feature.name(), ModuleKind.FEATURE, feature.title(), feature.version(), feature.vendor(),
                state, feature.required(), "feature", members, feature.requires(), contributions, Optional.ofNullable(error));
    }

    private ModuleInfo bundleInfo(Bundle bundle) {
        String name = Optional.ofNullable(bundle.getHeaders().get(Constants.BUNDLE_NAME)).orElse(String.valueOf(bundle.getSymbolicName()));
        String vendor = Optional.ofNullable(bundle.getHeaders().get(Constants.BUNDLE_VENDOR)).orElse("");
        List<String> features = catalog.features().stream()
                .filter(f -> f.bundles().stream().anyMatch(ref -> installed(ref).map(b -> b.equals(bundle)).orElse(false)))
                .map(FeatureDefinition::name).toList();
        return new ModuleInfo(String.valueOf(bundle.getSymbolicName()), ModuleKind.BUNDLE, name, bundle.getVersion().toString(),
                vendor, stateOf(bundle), isRequired(bundle), origin(bundle), features, dependencies(bundle),
                contributions(bundle), Optional.ofNullable(failures.get(bundle.getBundleId())));
    }

    private ModuleState stateOf(Bundle bundle) {
        if (failures.containsKey(bundle.getBundleId()) && bundle.getState() != Bundle.ACTIVE) {
            return ModuleState.FAILED;
        }
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> ModuleState.ACTIVE;
            case Bundle.STARTING -> ModuleState.STARTING;
            case Bundle.STOPPING -> ModuleState.STOPPING;
            case Bundle.RESOLVED -> ModuleState.RESOLVED;
            default -> ModuleState.INSTALLED;
        };
    }

    private static List<Contribution> contributions(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services == null) {
            return List.of();
        }
        Set<Contribution> contributions = new LinkedHashSet<>();
        for (ServiceReference<?> service : services) {
            Object apiPath = service.getProperty("tenure.api.path");
            Object servletPattern = service.getProperty("osgi.http.whiteboard.servlet.pattern");
            Object filterPattern = service.getProperty("osgi.http.whiteboard.filter.pattern");
            Object consolePath = service.getProperty("tenure.console.path");
            if (apiPath != null) {
                contributions.add(new Contribution("rest", "/api/v1/" + apiPath));
            } else if (consolePath != null) {
                contributions.add(new Contribution("console-page", "/console/" + consolePath));
            } else if (servletPattern != null) {
                contributions.add(new Contribution("servlet", join(servletPattern)));
            } else if (filterPattern != null) {
                contributions.add(new Contribution("filter", join(filterPattern)));
            } else {
                contributions.add(new Contribution("service", join(service.getProperty(Constants.OBJECTCLASS))));
            }
        }
        return List.copyOf(contributions);
    }

    private static String join(Object value) {
        return value instanceof String[] array ? String.join(", ", array) : String.valueOf(value);
    }

    private static List<String> dependencies(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return List.of();
        }
        Set<String> providers = new LinkedHashSet<>();
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            Bundle provider = wire.getProviderWiring().getBundle();
            if (provider.getBundleId() != 0 && !provider.equals(bundle)) {
                providers.add(provider.getSymbolicName());
            }
        }
        return providers.stream().sorted().toList();
    }

    private String origin(Bundle bundle) {
        if (bundle.getBundleId() == 0 || bundle.getLocation().contains("/system/")) {
            return "system";
        }
        if (isDeployed(bundle)) {
            return "deploy";
        }
        return "feature";
    }

    private boolean isRequired(Bundle bundle) {
        if ("system".equals(origin(bundle))) {
            return true;
        }
        return catalog.features().stream().filter(FeatureDefinition::required)
                .anyMatch(f -> f.bundles().stream().anyMatch(ref -> installed(ref).map(b -> b.equals(bundle)).orElse(false)));
    }

    private boolean isDeployed(Bundle bundle) {
        return bundle.getLocation().contains(deployUriPath) || bundle.getLocation().contains(deployPath);
    }

    private Path deployedFile(Bundle bundle) {
        String location = bundle.getLocation();
        int at = location.indexOf(deployDir.toString());
        return Path.of(location.substring(at));
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private boolean neededByOtherActiveFeature(FeatureDefinition.BundleRef ref, FeatureDefinition except) {
        return catalog.features().stream().filter(f -> f != except && choices.isActive(f))
                .anyMatch(f -> f.bundles().stream().anyMatch(r -> r.artifactId().equals(ref.artifactId())));
    }

    private Optional<Path> locate(FeatureDefinition.BundleRef ref) {
        for (String folder : List.of("bundles", "system")) {
            Path file = home.resolve(folder).resolve(ref.fileName());
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The installed bundle for a feature entry: same file, else same symbolic name and version. */
    private Optional<Bundle> installed(FeatureDefinition.BundleRef ref) {
        // Asked for every bundle on each /health and modules call: the file's place is looked up once, not stat'ed again.
        String location = locations.get(ref.fileName());
        if (location == null) {
            location = locate(ref).map(f -> f.toUri().toString()).orElse(null);
            if (location != null) {
                locations.put(ref.fileName(), location);
            }
        }
        if (location != null) {
            Bundle byLocation = context.getBundle(location);
            if (byLocation != null) {
                return Optional.of(byLocation);
            }
        }
        String osgiVersion = org.osgi.framework.Version.parseVersion(ref.version().replace("-", ".")).toString();
        for (Bundle bundle : context.getBundles()) {
            if (ref.artifactId().equals(bundle.getSymbolicName()) && bundle.getVersion().toString().equals(osgiVersion)) {
                return Optional.of(bundle);
            }
        }
        if (location == null) {
            return Optional.empty();
        }
        String suffix = "/" + ref.fileName(); // as FileInstall names a location: the file's own name
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().endsWith(suffix)) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private Optional<Bundle> findBundle(String id) {
        for (Bundle bundle : context.getBundles()) {
            if (id.equals(bundle.getSymbolicName()) || id.equals(String.valueOf(bundle.getBundleId()))) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private Bundle bundle(String id) throws ModuleException {
        return findBundle(id).orElseThrow(() -> new ModuleException(Reason.NOT_FOUND, "no feature or bundle '" + id + "'"));
    }

    private void awaitBoot() throws ModuleException {
        try {
            if (!booted.await(60, TimeUnit.SECONDS)) {
                throw new ModuleException(Reason.FAILED, "the runtime is still starting its features");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException(Reason.FAILED, "interrupted while waiting for the runtime to start");
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void persist(IoAction action) throws ModuleException {
        try {
            action.run();
        } catch (IOException e) {
            throw new ModuleException(Reason.FAILED, "could not save the module choice: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Symbolic name and version read from an uploaded file, which must be a valid OSGi bundle. */
    record BundleIdentity(String symbolicName, String version) {
        String fileName() {
            return symbolicName + "-" + version + ".jar";
        }

        static BundleIdentity read(Path jar, String uploadedAs) throws ModuleException {
            Manifest manifest;
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                manifest = in.getManifest();
            } catch (IOException e) {
                throw new ModuleException(Reason.INVALID, uploadedAs + " is not a JAR file: " + e.getMessage(), e);
            }
            if (manifest == null) {
                throw new ModuleException(Reason.INVALID, uploadedAs + " has no META-INF/MANIFEST.MF as its first entries");
            }
            String bsn = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null || bsn.isBlank()) {
                throw new ModuleException(Reason.INVALID, uploadedAs + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            if (!"2".equals(manifest.getMainAttributes().getValue(Constants.BUNDLE_MANIFESTVERSION))) {
                throw new ModuleException(Reason.INVALID, uploadedAs + " is not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2");
            }
            String name = bsn.split(";")[0].trim();
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ModuleException(Reason.INVALID, uploadedAs + ": Bundle-SymbolicName '" + name + "' has characters that are not allowed");
            }
            String version;
            try {
                version = org.osgi.framework.Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION)).toString();
            } catch (IllegalArgumentException e) {
                throw new ModuleException(Reason.INVALID, uploadedAs + ": Bundle-Version is not a valid OSGi version: " + e.getMessage());
            }
            return new BundleIdentity(name, version);
        }
    }
}
