package io.tenure.api.data;

import java.util.List;

/** A write the store refused, with what was wrong and where. */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<RowError> errors;
    private final long badRows;

    public DataException(String message) {
        this(message, List.of(), 0);
    }

    public DataException(String message, List<RowError> errors, long badRows) {
        super(message);
        this.errors = List.copyOf(errors);
        this.badRows = badRows;
    }

    /** The errors found, each naming file, line, column and reason (capped; see {@link #badRows()}). */
    public List<RowError> errors() {
        return errors;
    }

    /** How many rows were bad in all. */
    public long badRows() {
        return badRows;
    }
}
