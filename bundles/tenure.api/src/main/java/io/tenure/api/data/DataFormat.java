package io.tenure.api.data;

import java.util.Locale;

/** The file formats of import and export. */
public enum DataFormat {
    /** RFC 4180 CSV, UTF-8, a header row naming the fields. */
    CSV("text/csv", ".csv"),
    /** One JSON object per line, UTF-8 (JSON Lines). */
    JSON_LINES("application/x-ndjson", ".jsonl");

    private final String mediaType;
    private final String extension;

    DataFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format of a media type or file name, e.g. {@code text/csv}, {@code accounts.jsonl}. */
    public static java.util.Optional<DataFormat> of(String mediaTypeOrFileName) {
        String s = mediaTypeOrFileName.toLowerCase(Locale.ROOT).trim();
        if (s.startsWith("text/csv") || s.endsWith(".csv")) {
            return java.util.Optional.of(CSV);
        }
        if (s.startsWith("application/x-ndjson") || s.startsWith("application/jsonl") || s.startsWith("application/json-lines")
                || s.startsWith("application/jsonlines") || s.endsWith(".jsonl") || s.endsWith(".ndjson")) {
            return java.util.Optional.of(JSON_LINES);
        }
        return java.util.Optional.empty();
    }
}
