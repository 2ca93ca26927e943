package io.tenure.api.ingest;

import java.time.Instant;

import io.tenure.api.data.Require;

/**
 * A source of product events (a product, an app, an environment) with its write key. Only the SHA-256 of the key is
 * kept; the key itself is shown once, when the source is created or its key rotated.
 *
 * @param id the source's identifier
 * @param name display name
 * @param keyHash lower-case hex SHA-256 of the write key
 * @param enabled whether events sent with its key are accepted
 * @param created when the source was created
 * @param keyRotated when the current key was issued
 */
public record Source(String id, String name, String keyHash, boolean enabled, Instant created, Instant keyRotated) {

    public Source {
        Require.text(id, "source_id");
        Require.text(name, "name");
        Require.text(keyHash, "key_hash");
        Require.present(created, "created");
        Require.present(keyRotated, "key_rotated");
    }
}
