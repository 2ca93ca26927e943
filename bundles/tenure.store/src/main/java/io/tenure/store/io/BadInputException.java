package io.tenure.store.io;

import java.io.IOException;

/** An input that cannot be read as rows at all (malformed CSV, an endless line); reported, never stored. */
public class BadInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
