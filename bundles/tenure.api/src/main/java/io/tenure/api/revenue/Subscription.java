package io.tenure.api.revenue;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * A contract for a product.
 *
 * @param accountId the account
 * @param id the subscription's identifier
 * @param product the product
 * @param plan plan or tier, if any
 * @param seats seats licensed, if seat-based
 * @param arr annual recurring revenue of this contract
 * @param start start date
 * @param renewal next renewal date, if it renews
 * @param status trial, active, cancelled or expired
 */
public record Subscription(String accountId, String id, String product, Optional<String> plan, Optional<Long> seats,
        Money arr, LocalDate start, Optional<LocalDate> renewal, SubscriptionStatus status) {

    public static final EntityType<Subscription> TYPE = EntityType.builder("subscriptions", Subscription.class,
            "contracts: product, plan, seats, ARR, start and renewal dates")
            .accountId(Subscription::accountId)
            .id("subscription_id", "the subscription's identifier", Subscription::id)
            .text("product", true, 200, "product name", Subscription::product)
            .text("plan", false, 200, "plan or tier", Subscription::plan)
            .integer("seats", false, "seats licensed", Subscription::seats)
            .money("arr", true, "annual recurring revenue in major units", Subscription::arr)
            .date("start_date", true, "start date", Subscription::start)
            .date("renewal_date", false, "next renewal date", Subscription::renewal)
            .code("status", false, SubscriptionStatus.class, "trial, active, cancelled or expired (default active)",
                    Subscription::status)
            .build(r -> new Subscription(r.text("account_id"), r.text("subscription_id"), r.text("product"),
                    r.optionalText("plan"), r.optionalInteger("seats"), r.money("arr"), r.date("start_date"),
                    r.optionalDate("renewal_date"),
                    r.optionalCode("status", SubscriptionStatus.class).orElse(SubscriptionStatus.ACTIVE)));

    public Subscription {
        Require.text(accountId, "account_id");
        Require.text(id, "subscription_id");
        Require.text(product, "product");
        Require.optional(plan, "plan");
        Require.optional(seats, "seats").ifPresent(s -> Require.range(s, 0, 100_000_000, "seats"));
        Require.present(arr, "arr");
        if (arr.minorUnits() < 0) {
            throw new IllegalArgumentException("arr " + arr.toDecimalString() + " is negative");
        }
        Require.present(start, "start_date");
        Require.optional(renewal, "renewal_date").filter(d -> d.isBefore(start)).ifPresent(d -> {
            throw new IllegalArgumentException("renewal_date " + d + " is before start_date " + start);
        });
        Require.present(status, "status");
    }
}
