package io.tenure.api.data;

/**
 * What is wrong with one row of an import.
 *
 * @param source the file or upload, e.g. {@code movements.csv}
 * @param line the 1-based line number in it (the header is line 1 of a CSV file)
 * @param column the field at fault, or {@code ""} for the whole row
 * @param reason what is wrong, naming the value
 */
public record RowError(String source, long line, String column, String reason) {
    @Override
    public String toString() {
        return source + " line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
    }
}
