package io.tenure.console;

/** HTML escaping for every value that reaches a page. */
final class Html {
    private Html() {
    }

    static String escape(Object value) {
        return io.tenure.api.console.ConsolePage.escape(value);
    }
}
