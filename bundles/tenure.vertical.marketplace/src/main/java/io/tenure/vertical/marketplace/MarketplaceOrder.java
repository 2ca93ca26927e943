package io.tenure.vertical.marketplace;

import java.time.LocalDate;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * One order on the marketplace, stored with the seller's account (a seller's sales are its data); the buyer is another
 * account.
 *
 * @param accountId the seller's account
 * @param id the order's identifier
 * @param buyerAccountId the buyer's account
 * @param date the day it was placed
 * @param gmv its gross merchandise value
 * @param status fulfilled, cancelled or disputed
 */
public record MarketplaceOrder(String accountId, String id, String buyerAccountId, LocalDate date, Money gmv,
        OrderStatus status) {

    public static final EntityType<MarketplaceOrder> TYPE = EntityType.builder("marketplace_orders", MarketplaceOrder.class,
            "marketplace orders, stored with the seller: buyer, day, GMV and how they ended")
            .accountId(MarketplaceOrder::accountId)
            .id("order_id", "the order's identifier", MarketplaceOrder::id)
            .text("buyer_account_id", true, 100, "the buyer's account_id", MarketplaceOrder::buyerAccountId)
            .date("date", true, "day the order was placed", MarketplaceOrder::date)
            .money("gmv", true, "gross merchandise value in major units", MarketplaceOrder::gmv)
            .code("status", true, OrderStatus.class, "fulfilled, cancelled or disputed", MarketplaceOrder::status)
            .build(r -> new MarketplaceOrder(r.text("account_id"), r.text("order_id"), r.text("buyer_account_id"),
                    r.date("date"), r.money("gmv"), r.code("status", OrderStatus.class)));

    public MarketplaceOrder {
        Require.text(accountId, "account_id");
        Require.text(id, "order_id");
        Require.text(buyerAccountId, "buyer_account_id");
        Require.present(date, "date");
        Require.present(gmv, "gmv");
        Require.present(status, "status");
        if (gmv.minorUnits() < 0) {
            throw new IllegalArgumentException("gmv " + gmv.toDecimalString() + " is negative");
        }
        if (buyerAccountId.equals(accountId)) {
            throw new IllegalArgumentException("buyer_account_id " + buyerAccountId + " is the seller itself");
        }
    }
}
