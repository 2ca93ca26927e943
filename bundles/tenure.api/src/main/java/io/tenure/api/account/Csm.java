package io.tenure.api.account;

import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * A customer success manager.
 *
 * @param id identifier, referenced by {@link Account#owner()}
 * @param name full name
 * @param email e-mail address, if known
 * @param segment the segment they cover, if specialised
 * @param capacity the most accounts they should carry, if set (coverage defaults apply otherwise)
 * @param expansionMandate whether they carry an expansion target (20–30% fewer accounts by default)
 * @param annualCost fully loaded yearly cost, if known
 * @param variableShare share of on-target earnings paid as variable, in percent (default 20)
 */
public record Csm(String id, String name, Optional<String> email, Optional<Segment> segment, Optional<Long> capacity,
        boolean expansionMandate, Optional<Money> annualCost, long variableShare) {

    public static final EntityType<Csm> TYPE = EntityType.builder("csms", Csm.class, "customer success managers")
            .id("csm_id", "the CSM's identifier (accounts.owner refers to it)", Csm::id)
            .text("name", true, 200, "full name", Csm::name)
            .text("email", false, 320, "e-mail address", Csm::email)
            .code("segment", false, Segment.class, "segment covered", Csm::segment)
            .integer("capacity", false, "most accounts to carry", Csm::capacity)
            .bool("expansion_mandate", "carries an expansion target (default false)", Csm::expansionMandate)
            .money("annual_cost", false, "fully loaded yearly cost", Csm::annualCost)
            .integer("variable_share", false, "variable share of pay in percent (default 20)", Csm::variableShare)
            .build(r -> new Csm(r.text("csm_id"), r.text("name"), r.optionalText("email"),
                    r.optionalCode("segment", Segment.class), r.optionalInteger("capacity"),
                    r.bool("expansion_mandate", false), r.optionalMoney("annual_cost"),
                    r.optionalInteger("variable_share").orElse(20L)));

    public Csm {
        Require.text(id, "csm_id");
        Require.text(name, "name");
        Require.optional(email, "email");
        Require.optional(segment, "segment");
        Require.optional(capacity, "capacity").ifPresent(c -> Require.range(c, 1, 100_000, "capacity"));
        Require.optional(annualCost, "annual_cost").filter(m -> m.minorUnits() < 0).ifPresent(m -> {
            throw new IllegalArgumentException("annual_cost " + m + " is negative");
        });
        Require.range(variableShare, 0, 100, "variable_share");
    }
}
