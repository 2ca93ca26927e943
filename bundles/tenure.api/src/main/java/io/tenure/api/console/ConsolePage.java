package io.tenure.api.console;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/**
 * A page of the admin console contributed by a bundle. Register it as a service; it appears in the console's
 * navigation while the bundle runs and disappears when the bundle stops. The console renders the frame
 * (navigation, login, security headers) and asks the page for its body.
 */
@ConsumerType
public interface ConsolePage {

    /** The last path segment under {@code /console/}: lower-case letters, digits and dashes. */
    String path();

    /** The title shown in the navigation. */
    String title();

    /** The least role that may see the page. */
    default Role role() {
        return Role.VIEWER;
    }

    /** Position in the navigation; lower comes first. */
    default int order() {
        return 100;
    }

    /**
     * Renders the page body as HTML. Everything taken from data must be escaped by the page.
     *
     * @param user who is looking
     * @param parameters the query parameters, first value of each
     */
    String render(AuthenticatedUser user, Map<String, String> parameters);

    /** {@code value} as text safe inside HTML elements and quoted attributes: {@code < > & " '} escaped. */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
