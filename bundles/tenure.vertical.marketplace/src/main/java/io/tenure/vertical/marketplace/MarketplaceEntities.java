package io.tenure.vertical.marketplace;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;

/** The marketplace's own entities in the store: the sides of each account, the orders and the listings. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = EntityContribution.class)
public class MarketplaceEntities implements EntityContribution {
    static final List<EntityType<?>> TYPES = List.of(MarketplaceSide.TYPE, MarketplaceOrder.TYPE, MarketplaceListing.TYPE);

    @Override
    public List<EntityType<?>> types() {
        return TYPES;
    }
}
