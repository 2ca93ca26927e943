package io.tenure.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** A test against a real embedded Felix on a fresh cache in a temporary directory, stopped after each test. */
abstract class FelixTest {
    @TempDir
    Path tmp;

    Framework framework;

    /** A new framework (not initialised yet) with these properties besides its own clean cache. */
    Framework newFramework(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("cache").toString());
        all.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = new FrameworkFactory().newFramework(all);
        return framework;
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
