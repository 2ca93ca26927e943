package io.tenure.web;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import io.tenure.api.money.Money;

/**
 * The one JSON mapping of the API: enums as their lower-case codes, dates and instants as ISO-8601 strings,
 * {@link Optional} as the value or {@code null}, money as {@code {"amount": "12.34", "currency": "USD"}}.
 */
public final class Json {
    public static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .serializeNulls()
            .registerTypeAdapterFactory(new OptionalFactory())
            .registerTypeAdapterFactory(new EnumFactory())
            .registerTypeAdapter(Instant.class, stringAdapter(Instant::toString, Instant::parse))
            .registerTypeAdapter(LocalDate.class, stringAdapter(LocalDate::toString, LocalDate::parse))
            .registerTypeAdapter(Money.class, new MoneyAdapter())
            .create();

    private Json() {
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> TypeAdapter<T> stringAdapter(java.util.function.Function<T, String> format, Parser<T> parser) {
        return new TypeAdapter<T>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null) {
                    out.nullValue();
                } else {
                    out.value(format.apply(value));
                }
            }

            @Override
            public T read(JsonReader in) throws IOException {
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                String text = in.nextString();
                try {
                    return parser.parse(text);
                } catch (RuntimeException e) {
                    throw new IOException("'" + text + "' is not an ISO-8601 value at " + in.getPath());
                }
            }
        }.nullSafe();
    }

    private static final class MoneyAdapter extends TypeAdapter<Money> {
        @Override
        public void write(JsonWriter out, Money value) throws IOException {
            if (value == null) {
                out.nullValue();
                return;
            }
            out.beginObject().name("amount").value(value.toDecimalString())
                    .name("currency").value(value.currency().getCurrencyCode()).endObject();
        }

        @Override
        public Money read(JsonReader in) throws IOException {
            String amount = null;
            String currency = null;
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "amount" -> amount = in.nextString();
                    case "currency" -> currency = in.nextString();
                    default -> in.skipValue();
                }
            }
            in.endObject();
            try {
                return Money.parse(amount, currency);
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage() + " at " + in.getPath());
            }
        }
    }

    private static final class OptionalFactory implements TypeAdapterFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != Optional.class) {
                return null;
            }
            Type inner = type.getType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            TypeAdapter<Object> delegate = (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(inner));
            return (TypeAdapter<T>) new TypeAdapter<Optional<?>>() {
                @Override
                public void write(JsonWriter out, Optional<?> value) throws IOException {
                    if (value == null || value.isEmpty()) {
                        out.nullValue();
                    } else {
                        delegate.write(out, value.get());
                    }
                }

                @Override
                public Optional<?> read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return Optional.empty();
                    }
                    return Optional.ofNullable(delegate.read(in));
                }
            };
        }
    }

    private static final class EnumFactory implements TypeAdapterFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
                return null;
            }
            Class<? extends Enum> enumType = (Class<? extends Enum>) (raw.isEnum() ? raw : raw.getSuperclass());
            return (TypeAdapter<T>) new TypeAdapter<Enum<?>>() {
                @Override
                public void write(JsonWriter out, Enum<?> value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                    } else {
                        out.value(value.name().toLowerCase(Locale.ROOT));
                    }
                }

                @Override
                public Enum<?> read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return null;
                    }
                    String text = in.nextString();
                    for (Enum<?> constant : enumType.getEnumConstants()) {
                        if (constant.name().equalsIgnoreCase(text.replace('-', '_'))) {
                            return constant;
                        }
                    }
                    throw new IOException("'" + text + "' is not a valid value at " + in.getPath());
                }
            }.nullSafe();
        }
    }
}
