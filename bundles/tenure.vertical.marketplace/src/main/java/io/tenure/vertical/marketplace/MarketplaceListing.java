package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A seller's listing: when it went up and when it sold, if it did. Liquidity is read from these.
 *
 * @param accountId the seller's account
 * @param id the listing's identifier
 * @param listedOn the day it was listed
 * @param soldOn the day it sold, if it did
 */
public record MarketplaceListing(String accountId, String id, LocalDate listedOn, Optional<LocalDate> soldOn) {

    public static final EntityType<MarketplaceListing> TYPE = EntityType.builder("marketplace_listings",
            MarketplaceListing.class, "sellers' listings: when listed and when sold, for liquidity")
            .accountId(MarketplaceListing::accountId)
            .id("listing_id", "the listing's identifier", MarketplaceListing::id)
            .date("listed_on", true, "day it was listed", MarketplaceListing::listedOn)
            .date("sold_on", false, "day it sold, if it did", MarketplaceListing::soldOn)
            .build(r -> new MarketplaceListing(r.text("account_id"), r.text("listing_id"), r.date("listed_on"),
                    r.optionalDate("sold_on")));

    public MarketplaceListing {
        Require.text(accountId, "account_id");
        Require.text(id, "listing_id");
        Require.present(listedOn, "listed_on");
        Require.optional(soldOn, "sold_on").filter(d -> d.isBefore(listedOn)).ifPresent(d -> {
            throw new IllegalArgumentException("sold_on " + d + " is before listed_on " + listedOn);
        });
    }
}
