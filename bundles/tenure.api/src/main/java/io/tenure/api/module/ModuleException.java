package io.tenure.api.module;

/** A module operation that could not be done, with a reason a client can act on. */
public class ModuleException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the operation was refused or failed. */
    public enum Reason {
        /** No feature or bundle has that id. */
        NOT_FOUND,
        /** The module is required by Tenure itself and cannot be stopped or removed. */
        REQUIRED,
        /** The bundle is not a valid OSGi bundle or could not be installed. */
        INVALID,
        /** The framework refused or the bundle threw while starting or stopping. */
        FAILED
    }

    private final Reason reason;

    public ModuleException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ModuleException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
