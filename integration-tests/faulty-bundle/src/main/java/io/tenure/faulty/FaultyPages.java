package io.tenure.faulty;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.security.AuthenticatedUser;

/** Two console pages: one throws, one takes a minute. */
public final class FaultyPages {
    private FaultyPages() {
    }

    /** Throws while rendering. */
    @Component(service = ConsolePage.class)
    public static class Fails implements ConsolePage {
        @Override
        public String path() {
            return "faulty";
        }

        @Override
        public String title() {
            return "Faulty";
        }

        @Override
        public String render(AuthenticatedUser user, Map<String, String> parameters) {
            throw new IllegalStateException("faulty page <b>broke</b>");
        }
    }

    /** Sleeps for a minute. */
    @Component(service = ConsolePage.class)
    public static class Slow implements ConsolePage {
        @Override
        public String path() {
            return "faulty-slow";
        }

        @Override
        public String title() {
            return "Faulty slow";
        }

        @Override
        public String render(AuthenticatedUser user, Map<String, String> parameters) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "<p>finally</p>";
        }
    }
}
