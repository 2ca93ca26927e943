package io.tenure.api.account;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer organisation.
 *
 * @param id the vendor's own stable identifier (natural key)
 * @param name display name
 * @param vertical the motion it belongs to
 * @param segment segment by contract value
 * @param touchModel the coverage it receives
 * @param owner the user name of the owning CSM, if assigned
 * @param signedDate when the first contract was signed
 * @param stage the current journey stage
 * @param strategicReason why the account is flagged strategic (promotes its touch model), if it is
 */
public record Account(String id, String name, Vertical vertical, Segment segment, TouchModel touchModel,
        Optional<String> owner, LocalDate signedDate, JourneyStage stage, Optional<String> strategicReason) {

    public Account {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("account id is empty");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account " + id + " has an empty name");
        }
        Objects.requireNonNull(vertical, "vertical");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(touchModel, "touchModel");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(signedDate, "signedDate");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(strategicReason, "strategicReason");
    }
}
