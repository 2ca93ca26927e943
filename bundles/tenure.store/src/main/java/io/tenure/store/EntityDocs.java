package io.tenure.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;

/** The documented column sets: as a Markdown page (docs/data-model.md) and as the JSON of /api/v1/entities. */
public final class EntityDocs {
    private EntityDocs() {
    }

    public static String markdown(List<EntityType<?>> types) {
        StringBuilder b = new StringBuilder();
        b.append("# Data model: entities, columns, import and export\n\n")
                .append("Generated from the entity descriptions in `tenure.api` (a test fails when this page is stale; ")
                .append("regenerate with `mvn -pl bundles/tenure.store test -Dtenure.docs.write=true`).\n\n")
                .append("Every entity is imported from `<entity>.csv` (UTF-8, RFC 4180, a header row naming the columns, in ")
                .append("any order) or `<entity>.jsonl` (one JSON object per line), with `POST /api/v1/import/<entity>` or ")
                .append("`bin/tenure import DIR`, and exported the same way (`GET /api/v1/export/<entity>?format=csv|jsonl`, ")
                .append("`bin/tenure export DIR`). An import is atomic: one bad row and nothing is stored; the answer lists ")
                .append("every bad row with its line, column and reason. Rows are upserted on the key, so importing the same ")
                .append("file twice changes nothing, and a column left out of a file keeps its stored value.\n\n")
                .append("Types: dates are ISO-8601 (`2026-01-31`), timestamps ISO-8601 instants (`2026-01-31T09:30:00Z`), ")
                .append("money a decimal amount in major units (`12000.50`) with its ISO 4217 code in `currency`, codes ")
                .append("lower case, booleans `true`/`false`, tags separated by `;`. Columns marked *derived* may be left ")
                .append("empty: the identifier is then derived from the row's values (identical rows are one row).\n\n");
        for (EntityType<?> type : types) {
            b.append("## ").append(type.name()).append("\n\n").append(capitalise(type.description())).append(". Key: ")
                    .append(String.join(", ", type.key().stream().map(k -> "`" + k + "`").toList())).append(".\n\n")
                    .append("| column | type | required | meaning |\n| --- | --- | --- | --- |\n");
            for (Field<?> f : type.fields()) {
                boolean derived = type.generatedId().filter(f.name()::equals).isPresent();
                b.append("| `").append(f.name()).append("` | ").append(typeName(f)).append(" | ")
                        .append(derived ? "derived" : f.required() ? "yes" : "").append(" | ").append(f.description())
                        .append(f.type() == FieldType.CODE ? ": " + String.join(", ", f.codes()) : "").append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static List<Map<String, Object>> json(List<EntityType<?>> types) {
        return types.stream().map(type -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", type.name());
            m.put("description", type.description());
            m.put("key", type.key());
            m.put("accountScoped", type.accountScoped());
            m.put("fields", type.fields().stream().map(f -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", f.name());
                field.put("type", f.type().name().toLowerCase(java.util.Locale.ROOT));
                field.put("required", f.required() && type.generatedId().filter(f.name()::equals).isEmpty());
                field.put("description", f.description());
                if (!f.codes().isEmpty()) {
                    field.put("codes", f.codes());
                }
                if (f.maxLength() > 0) {
                    field.put("maxLength", f.maxLength());
                }
                return field;
            }).toList());
            return m;
        }).toList();
    }

    private static String typeName(Field<?> f) {
        return switch (f.type()) {
            case TEXT -> "text (≤ " + f.maxLength() + ")";
            case CODE -> "code";
            case TAGS -> "tags";
            default -> f.type().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
