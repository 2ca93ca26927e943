package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.money.Money;

/** Entities contributed by bundles: created, extended compatibly, refused otherwise, served while contributed. */
class ContributedEntitiesTest {
    record Device(String accountId, String deviceId, String model, LocalDate installed, Optional<Money> cost) {
    }

    record DeviceV2(String accountId, String deviceId, String model, LocalDate installed, Optional<Money> cost,
            Optional<String> firmware) {
    }

    static final EntityType<Device> DEVICES = EntityType.builder("x_devices", Device.class, "devices of a fleet")
            .accountId(Device::accountId)
            .id("device_id", "the device", Device::deviceId)
            .text("model", true, 100, "model", Device::model)
            .date("installed", true, "installed on", Device::installed)
            .money("cost", false, "yearly marginal cost", Device::cost)
            .build(r -> new Device(r.text("account_id"), r.text("device_id"), r.text("model"), r.date("installed"),
                    r.optionalMoney("cost")));

    static final EntityType<DeviceV2> DEVICES_V2 = EntityType.builder("x_devices", DeviceV2.class, "devices of a fleet")
            .accountId(DeviceV2::accountId)
            .id("device_id", "the device", DeviceV2::deviceId)
            .text("model", true, 300, "model", DeviceV2::model)
            .date("installed", true, "installed on", DeviceV2::installed)
            .money("cost", false, "yearly marginal cost", DeviceV2::cost)
            .text("firmware", false, 40, "firmware version", DeviceV2::firmware)
            .build(r -> new DeviceV2(r.text("account_id"), r.text("device_id"), r.text("model"), r.date("installed"),
                    r.optionalMoney("cost"), r.optionalText("firmware")));

    /** The same name with a field made required that the first version left optional. */
    static final EntityType<DeviceV2> DEVICES_REQUIRED_FIRMWARE = EntityType.builder("x_devices", DeviceV2.class, "x")
            .accountId(DeviceV2::accountId)
            .id("device_id", "the device", DeviceV2::deviceId)
            .text("model", true, 100, "model", DeviceV2::model)
            .date("installed", true, "installed on", DeviceV2::installed)
            .money("cost", false, "yearly marginal cost", DeviceV2::cost)
            .text("firmware", true, 40, "firmware version", DeviceV2::firmware)
            .build(r -> new DeviceV2(r.text("account_id"), r.text("device_id"), r.text("model"), r.date("installed"),
                    r.optionalMoney("cost"), r.optionalText("firmware")));

    /** The same name without the model field. */
    static final EntityType<Device> DEVICES_WITHOUT_MODEL = EntityType.builder("x_devices", Device.class, "x")
            .accountId(Device::accountId)
            .id("device_id", "the device", Device::deviceId)
            .date("installed", true, "installed on", Device::installed)
            .money("cost", false, "yearly marginal cost", Device::cost)
            .build(r -> new Device(r.text("account_id"), r.text("device_id"), "?", r.date("installed"),
                    r.optionalMoney("cost")));

    record Note(String accountId, String text) {
    }

    static final EntityType<Note> NOT_KEYED = EntityType.builder("x_notes", Note.class, "notes")
            .accountId(Note::accountId)
            .text("text", true, 100, "text", Note::text)
            .build(r -> new Note(r.text("account_id"), r.text("text")));

    static final EntityType<Note> TAKES_A_CORE_NAME = EntityType.builder("movements", Note.class, "notes")
            .accountId(Note::accountId)
            .id("text", "text", Note::text)
            .build(r -> new Note(r.text("account_id"), r.text("text")));

    static EntityContribution of(EntityType<?>... types) {
        return () -> List.of(types);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aContributedEntityIsStoredImportedExportedAndDeletedWithItsAccount(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            EntityContribution fleet = of(DEVICES);
            store.contribute(fleet, "vendor.fleet");
            assertTrue(store.type("x_devices").isPresent(), store.types().toString());
            assertEquals("x_devices", store.types().get(store.types().size() - 1).name(), "after the core entities");

            Repository<Device> devices = store.repository(DEVICES);
            long version = store.version(DEVICES);
            Device d1 = new Device("acme", "d1", "Edge 2", LocalDate.of(2025, 3, 1), Optional.of(Money.parse("120.50", "USD")));
            devices.save(d1);
            assertEquals(d1, devices.get(List.of("acme", "d1")).orElseThrow());
            assertTrue(store.version(DEVICES) > version);
            DataException unknown = assertThrows(DataException.class, () -> devices.save(
                    new Device("nobody", "d9", "Edge", LocalDate.of(2025, 1, 1), Optional.empty())));
            assertTrue(unknown.getMessage().contains("account 'nobody' does not exist"), unknown.getMessage());

            store.importData(List.of(Samples.input(DEVICES, "account_id,device_id,model,installed\n"
                    + "globex,g1,Edge 1,2025-01-02\nglobex,g2,Edge 1,2025-01-03\n")), n -> { });
            assertEquals(3, devices.count(Query.all()));
            DataException bad = assertThrows(DataException.class, () -> store.importData(List.of(Samples.input(DEVICES,
                    "account_id,device_id,model,installed\nglobex,g3,Edge 1,not-a-date\n")), n -> { }));
            assertTrue(bad.errors().toString().contains("installed"), bad.errors().toString());
            assertEquals(3, devices.count(Query.all()), "a refused import stores nothing");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(2, store.export(DEVICES, Query.all().where("account_id", "globex"), DataFormat.CSV, out));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("globex,g2,Edge 1,2025-01-03"), out.toString());

            store.repository(Account.TYPE).delete(List.of("globex"));
            assertEquals(0, devices.count(Query.all().where("account_id", "globex")), "deleted with the account");
            assertEquals(1, devices.count(Query.all()));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aLaterVersionMayAddOptionalFieldsAndNothingIncompatible(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            EntityContribution v1 = of(DEVICES);
            store.contribute(v1, "vendor.fleet");
            store.repository(DEVICES).save(new Device("acme", "d1", "Edge 2", LocalDate.of(2025, 3, 1), Optional.empty()));
            store.removeContribution(v1);
            assertTrue(store.type("x_devices").isEmpty(), "no longer served once its contribution is gone");

            for (EntityType<?> incompatible : List.of(DEVICES_REQUIRED_FIRMWARE, DEVICES_WITHOUT_MODEL)) {
                EntityContribution c = of(incompatible);
                store.contribute(c, "vendor.fleet");
                assertTrue(store.type("x_devices").isEmpty(), "refused: " + incompatible);
                store.removeContribution(c);
            }
            assertTrue(store.check().detail().contains("stored field model is missing"), store.check().detail());

            EntityContribution other = of(DEVICES);
            store.contribute(other, "another.vendor");
            assertTrue(store.type("x_devices").isEmpty());
            assertTrue(store.check().detail().contains("belongs to bundle vendor.fleet"), store.check().detail());
            store.removeContribution(other);

            EntityContribution v2 = of(DEVICES_V2);
            store.contribute(v2, "vendor.fleet");
            assertTrue(store.type("x_devices").isPresent());
            assertFalse(store.check().detail().contains("entities refused"), "a served entity is no longer listed as refused: "
                    + store.check().detail());
            Repository<DeviceV2> devices = store.repository(DEVICES_V2);
            assertEquals(new DeviceV2("acme", "d1", "Edge 2", LocalDate.of(2025, 3, 1), Optional.empty(), Optional.empty()),
                    devices.get(List.of("acme", "d1")).orElseThrow(), "the stored row kept, the new field empty");
            String longModel = "M".repeat(250);
            devices.save(new DeviceV2("acme", "d2", longModel, LocalDate.of(2025, 4, 1), Optional.empty(), Optional.of("4.2")));
            assertEquals(Optional.of("4.2"), devices.get(List.of("acme", "d2")).orElseThrow().firmware());
            assertEquals(longModel, devices.get(List.of("acme", "d2")).orElseThrow().model(), "the column was lengthened");
        }
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.contribute(of(NOT_KEYED, TAKES_A_CORE_NAME, DEVICES), "vendor.notes");
            assertTrue(store.type("x_notes").isEmpty());
            assertEquals(List.of("x_devices"), store.types().stream().map(EntityType::name).filter(n -> n.startsWith("x_")).toList(),
                    "the contribution's good type is served beside the refused ones");
            assertEquals(Entities.ALL.size() + 1, store.types().size(), "the core movements entity is not replaced");
            String detail = store.check().detail();
            assertTrue(detail.contains("x_notes (entity 'x_notes' has no key beyond account_id"), detail);
            assertTrue(detail.contains("movements (entity name 'movements' is taken"), detail);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRestartedStoreServesTheContributionOverItsStoredRows(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open()) {
            JdbcDataStore first = new JdbcDataStore(fresh.db);
            first.importData(Samples.all(), n -> { });
            first.contribute(of(DEVICES), "vendor.fleet");
            Device d1 = new Device("acme", "d1", "Edge", LocalDate.of(2025, 3, 1), Optional.of(Money.parse("9.99", "EUR")));
            first.repository(DEVICES).save(d1);

            JdbcDataStore again = new JdbcDataStore(fresh.db); // the same database, as after a restart
            assertTrue(again.type("x_devices").isEmpty(), "served only once contributed");
            again.contribute(of(DEVICES), "vendor.fleet");
            assertEquals(Optional.of(d1), again.repository(DEVICES).get(List.of("acme", "d1")));
            assertFalse(again.check().detail().contains("refused"), again.check().detail());
        }
    }
}
