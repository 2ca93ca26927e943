package io.tenure.api.data;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Entities a bundle adds to the store (a vertical's device fleet, a marketplace's orders, a partner's records):
 * register an implementation as a service (a DS component with {@code service = EntityContribution.class}) and the
 * store creates a table for each type from its {@link EntityType} description, or adds the columns a newer version of
 * the bundle describes. From then on the entity is like any core one: {@link DataStore#repository}, imports and
 * exports, {@code /api/v1/{name}} and {@code /api/v1/accounts/{id}/{name}}, and deleting an account deletes its rows.
 *
 * <p>Rules, checked when the service appears (a type that breaks one is refused, with the reason logged and shown
 * in the store's check of {@code /health}, and the bundle's other types still served):
 * <ul>
 * <li>the name is lower case, starts with a letter, uses letters, digits and {@code _}, is at most 48 characters,
 * does not start with {@code tenure_}, and is not the name of a core entity or of another bundle's entity (prefix it
 * with the bundle's subject, e.g. {@code haas_devices}); the first bundle to store an entity owns its table;
 * <li>the entity is account-scoped ({@link EntityType.Builder#accountId}) and keyed beyond the account;
 * <li>a later version may add optional fields; it may not remove, retype or make required a stored field.
 * </ul>
 * When the bundle stops, its entities leave the REST API and {@link DataStore#types()}; their rows stay in the
 * store and are there again when the bundle starts.
 */
@ConsumerType
public interface EntityContribution {
    /** The entities, in dependency order. */
    List<EntityType<?>> types();
}
