package io.tenure.store.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.RowError;

/** RFC 4180 CSV with a header row naming the fields; line numbers count the header as line 1. */
final class CsvRowSource implements RowSource {
    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private RowError headerError;
    private boolean headerReported;

    CsvRowSource(EntityType<?> type, String source, Reader reader) throws IOException {
        this.source = source;
        this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).setTrim(false).build().parse(reader);
        this.header = parser.getHeaderNames().stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
        this.records = parser.iterator();
        this.headerError = checkHeader(type).orElse(null);
    }

    private Optional<RowError> checkHeader(EntityType<?> type) {
        if (header.isEmpty()) {
            return Optional.of(new RowError(source, 1, "", "the file is empty; the first line must name the columns"));
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) {
                problems.add("a column has no name");
            } else if (!seen.add(h)) {
                problems.add("column " + h + " appears twice");
            } else if (type.field(h).isEmpty()) {
                problems.add("column " + h + " is not a field of " + type.name());
            }
        }
        for (Field<?> f : type.fields()) {
            boolean derived = type.generatedId().filter(f.name()::equals).isPresent();
            if (f.required() && !derived && !seen.contains(f.name())) {
                problems.add("required column " + f.name() + " is missing");
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RowError(source, 1, "", String.join("; ", problems) + " (columns of " + type.name()
                + ": " + String.join(", ", type.fields().stream().map(Field::name).toList()) + ")"));
    }

    @Override
    public Optional<RawRow> next() throws IOException {
        if (headerError != null) {
            if (headerReported) {
                return Optional.empty();
            }
            headerReported = true;
            return Optional.of(new RawRow(1, Map.of(), Optional.of(headerError)));
        }
        CSVRecord record;
        long line = parser.getCurrentLineNumber() + 1;
        reading = line;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw e.getCause() instanceof org.apache.commons.csv.CSVException bad
                    ? new BadInputException("the CSV is malformed: " + bad.getMessage()) : e.getCause();
        } catch (IllegalStateException e) {
            throw new BadInputException("the CSV is malformed: " + e.getMessage());
        }
        if (record.size() != header.size()) {
            return Optional.of(new RawRow(line, Map.of(), Optional.of(new RowError(source, line, "",
                    "has " + record.size() + " values but the header names " + header.size() + " columns"))));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), record.get(i));
        }
        return Optional.of(new RawRow(line, values, Optional.empty()));
    }

    @Override
    public long line() {
        return reading;
    }

    /** The line the record being read starts on. */
    private long reading = 1;

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
