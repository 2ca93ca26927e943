package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/data-model.md is what the entity descriptions say; regenerate it with -Dtenure.docs.write=true. */
class EntityDocsTest {
    private static final Path PAGE = Path.of("../../docs/data-model.md");

    @Test
    void theDataModelPageMatchesTheEntities() throws Exception {
        String generated = EntityDocs.markdown(Entities.ALL);
        if (Boolean.getBoolean("tenure.docs.write")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/data-model.md is stale: run mvn -pl bundles/tenure.store test -Dtenure.docs.write=true");
    }
}
