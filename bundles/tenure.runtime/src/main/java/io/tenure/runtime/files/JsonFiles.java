package io.tenure.runtime.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * Small JSON state files under {@code data/}: written to a temporary file and moved into place, so a crash mid-write
 * leaves the previous content, never half a file.
 */
public final class JsonFiles {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonFiles() {
    }

    public static <T> T read(Path file, Class<T> type, T whenMissing) throws IOException {
        if (!Files.exists(file)) {
            return whenMissing;
        }
        try {
            T value = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            return value == null ? whenMissing : value;
        } catch (JsonParseException e) {
            throw new IOException(file + " is damaged and cannot be read: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, GSON.toJson(value), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
