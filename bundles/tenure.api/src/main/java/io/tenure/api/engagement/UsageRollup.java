package io.tenure.api.engagement;

import java.time.LocalDate;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * Product usage of one account for one feature on one day. The feature {@link #ALL_FEATURES} holds the account's
 * totals for the day (its active users are distinct users across features).
 *
 * @param accountId the account
 * @param date the day
 * @param feature the feature (event name by default), or {@code *} for the account's totals
 * @param events number of events
 * @param activeUsers distinct active users
 */
public record UsageRollup(String accountId, LocalDate date, String feature, long events, long activeUsers) {
    /** The feature name of an account's daily totals. */
    public static final String ALL_FEATURES = "*";

    public static final EntityType<UsageRollup> TYPE = EntityType.builder("usage", UsageRollup.class,
            "product usage rolled up per account, feature and day")
            .accountId(UsageRollup::accountId)
            .date("date", true, "the day", UsageRollup::date)
            .text("feature", true, 200, "feature, or * for the account's daily totals", UsageRollup::feature)
            .integer("events", true, "number of events", UsageRollup::events)
            .integer("active_users", false, "distinct active users (default 0)", UsageRollup::activeUsers)
            .keyed("date").keyed("feature")
            .build(r -> new UsageRollup(r.text("account_id"), r.date("date"), r.text("feature"), r.integer("events"),
                    r.optionalInteger("active_users").orElse(0L)));

    public UsageRollup {
        Require.text(accountId, "account_id");
        Require.present(date, "date");
        Require.text(feature, "feature");
        Require.range(events, 0, Long.MAX_VALUE, "events");
        Require.range(activeUsers, 0, Long.MAX_VALUE, "active_users");
    }
}
