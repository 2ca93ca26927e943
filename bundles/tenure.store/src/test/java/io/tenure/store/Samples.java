package io.tenure.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;

/** The sample files under src/test/resources/samples: a few rows of every entity. */
final class Samples {
    private Samples() {
    }

    static String csv(EntityType<?> type) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + type.name() + ".csv")) {
            if (in == null) {
                throw new IOException("no sample for " + type.name());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<DataStore.ImportInput> all() throws IOException {
        List<DataStore.ImportInput> inputs = new ArrayList<>();
        for (EntityType<?> type : Entities.ALL) {
            inputs.add(input(type, csv(type)));
        }
        return inputs;
    }

    static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
