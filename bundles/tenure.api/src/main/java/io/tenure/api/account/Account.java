package io.tenure.api.account;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A customer organisation.
 *
 * @param id the vendor's own stable identifier (natural key)
 * @param name display name
 * @param vertical the motion it belongs to
 * @param segment segment by contract value, when set
 * @param touchModel the coverage it receives, when set (otherwise derived from ARR by the segmentation rules)
 * @param owner the identifier of the owning CSM, if assigned
 * @param signedDate when the first contract was signed
 * @param stage the current journey stage
 * @param strategicReason why the account is flagged strategic (promotes its touch model), if it is
 * @param complexityReason why the account is flagged complex (promotes its touch model), if it is
 */
public record Account(String id, String name, Vertical vertical, Optional<Segment> segment,
        Optional<TouchModel> touchModel, Optional<String> owner, LocalDate signedDate, JourneyStage stage,
        Optional<String> strategicReason, Optional<String> complexityReason) {

    public static final EntityType<Account> TYPE = EntityType.builder("accounts", Account.class,
            "customer organisations")
            .accountId(Account::id)
            .text("name", true, 200, "display name", Account::name)
            .code("vertical", true, Vertical.class, "enterprise, plg, marketplace or haas", Account::vertical)
            .code("segment", false, Segment.class, "segment by contract value", Account::segment)
            .code("touch_model", false, TouchModel.class, "coverage model; derived from ARR when empty", Account::touchModel)
            .text("owner", false, 100, "csm_id of the owning CSM", Account::owner)
            .date("signed_date", true, "date the first contract was signed", Account::signedDate)
            .code("stage", false, JourneyStage.class, "journey stage (default onboarding)", Account::stage)
            .text("strategic_reason", false, 500, "why it is strategic, if it is", Account::strategicReason)
            .text("complexity_reason", false, 500, "why it is complex, if it is", Account::complexityReason)
            .build(r -> new Account(r.text("account_id"), r.text("name"), r.code("vertical", Vertical.class),
                    r.optionalCode("segment", Segment.class), r.optionalCode("touch_model", TouchModel.class),
                    r.optionalText("owner"), r.date("signed_date"),
                    r.optionalCode("stage", JourneyStage.class).orElse(JourneyStage.ONBOARDING),
                    r.optionalText("strategic_reason"), r.optionalText("complexity_reason")));

    public Account {
        Require.text(id, "account_id");
        Require.text(name, "name");
        Require.present(vertical, "vertical");
        Require.optional(segment, "segment");
        Require.optional(touchModel, "touch_model");
        Require.optional(owner, "owner");
        Require.present(signedDate, "signed_date");
        Require.present(stage, "stage");
        Require.optional(strategicReason, "strategic_reason");
        Require.optional(complexityReason, "complexity_reason");
    }
}
