package io.tenure.api.security;

/** A user or token operation refused because its input is invalid or it conflicts with what exists. */
public class SecurityException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecurityException(String message) {
        super(message);
    }
}
