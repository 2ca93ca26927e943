package io.tenure.api.module;

/**
 * Something a running module adds to Tenure, e.g. a service, an HTTP endpoint or a console page.
 *
 * @param type what kind of thing: {@code service}, {@code servlet}, {@code filter}, {@code console-page}, ...
 * @param name what it is: an interface name, a URL pattern, a page title
 */
public record Contribution(String type, String name) {
}
