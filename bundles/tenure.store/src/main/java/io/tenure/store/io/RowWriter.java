package io.tenure.store.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Row;

/** Writes records as CSV (header row first) or JSON lines, in the form the importer reads back. */
public final class RowWriter<T> implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final EntityType<T> type;
    private final DataFormat format;
    private final Writer writer;
    private final CSVPrinter csv;

    public RowWriter(EntityType<T> type, DataFormat format, OutputStream out) throws IOException {
        this.type = type;
        this.format = format;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (format == DataFormat.CSV) {
            csv = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build().print(writer);
            csv.printRecord(type.fields().stream().map(Field::name).toList());
        } else {
            csv = null;
        }
    }

    public void write(T entity) throws IOException {
        Row row = type.toRow(entity);
        if (csv != null) {
            List<String> cells = type.fields().stream().map(f -> FieldCodec.format(f.type(), row.values().get(f.name())))
                    .toList();
            csv.printRecord(cells);
        } else {
            writer.write(GSON.toJson(toJson(type, entity)));
            writer.write('\n');
        }
    }

    /** The JSON object of a record: field names as keys, money as a decimal string beside {@code currency}. */
    public static <T> JsonObject toJson(EntityType<T> type, T entity) {
        Row row = type.toRow(entity);
        JsonObject o = new JsonObject();
        for (Field<T> f : type.fields()) {
            Object v = row.values().get(f.name());
            if (v == null) {
                continue;
            }
            if (f.type() == FieldType.INTEGER) {
                o.addProperty(f.name(), (Long) v);
            } else if (f.type() == FieldType.BOOLEAN) {
                o.addProperty(f.name(), (Boolean) v);
            } else if (f.type() == FieldType.TAGS) {
                JsonArray a = new JsonArray();
                FieldCodec.castList(v).forEach(a::add);
                o.add(f.name(), a);
            } else {
                o.addProperty(f.name(), FieldCodec.format(f.type(), v));
            }
        }
        return o;
    }

    public DataFormat format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.flush();
        }
        writer.flush();
    }
}
