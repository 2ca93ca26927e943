package io.tenure.store.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.RowError;

/**
 * The rows of one input, streamed: each row is its line number and its values by field name, or the structural error
 * that made it unreadable.
 */
public interface RowSource extends Closeable {

    /** One row as read: values by column name, or an error. */
    record RawRow(long line, Map<String, String> values, Optional<RowError> error) {
    }

    /** The next row, or empty at the end. @throws IOException when the input cannot be read at all */
    Optional<RawRow> next() throws IOException;

    /** The line being read now (where an unreadable input broke). */
    long line();

    /** Opens {@code data} in {@code format}, decoding strict UTF-8 (a bad byte is an error, not a replacement). */
    static RowSource open(EntityType<?> type, DataFormat format, String source, InputStream data) throws IOException {
        Reader reader = new BoundedLineReader(new InputStreamReader(data, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        return switch (format) {
            case CSV -> new CsvRowSource(type, source, reader);
            case JSON_LINES -> new JsonLinesRowSource(source, reader);
        };
    }
}
