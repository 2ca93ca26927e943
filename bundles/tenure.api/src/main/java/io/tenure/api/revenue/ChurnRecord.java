package io.tenure.api.revenue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * The post-mortem of a churn or contraction.
 *
 * @param accountId the account
 * @param id identifier of the record
 * @param date when the revenue was lost
 * @param type voluntary, involuntary or downgrade
 * @param arrLost ARR lost
 * @param rootCause the narrative of why, once known
 * @param feedback tagged product-feedback items
 */
public record ChurnRecord(String accountId, String id, LocalDate date, ChurnType type, Money arrLost,
        Optional<String> rootCause, List<String> feedback) {

    public static final EntityType<ChurnRecord> TYPE = EntityType.builder("churn_records", ChurnRecord.class,
            "post-mortems of churn and contraction with root cause and product feedback")
            .accountId(ChurnRecord::accountId)
            .generatedId("record_id", "identifier; derived from the row when empty", ChurnRecord::id)
            .date("date", true, "when the revenue was lost", ChurnRecord::date)
            .code("type", true, ChurnType.class, "voluntary, involuntary or downgrade", ChurnRecord::type)
            .money("arr_lost", true, "ARR lost in major units", ChurnRecord::arrLost)
            .text("root_cause", false, 4000, "why the revenue was lost", ChurnRecord::rootCause)
            .tags("feedback", "product-feedback tags, separated by ; in CSV", ChurnRecord::feedback)
            .build(r -> new ChurnRecord(r.text("account_id"), r.text("record_id"), r.date("date"),
                    r.code("type", ChurnType.class), r.money("arr_lost"), r.optionalText("root_cause"), r.tags("feedback")));

    public ChurnRecord {
        Require.text(accountId, "account_id");
        Require.text(id, "record_id");
        Require.present(date, "date");
        Require.present(type, "type");
        Require.present(arrLost, "arr_lost");
        if (!arrLost.isPositive()) {
            throw new IllegalArgumentException("arr_lost " + arrLost.toDecimalString() + " must be positive");
        }
        Require.optional(rootCause, "root_cause");
        feedback = List.copyOf(feedback);
    }
}
