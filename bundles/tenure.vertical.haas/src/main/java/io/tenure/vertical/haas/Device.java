package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * One device of a customer's fleet ({@code haas_devices}).
 *
 * @param accountId the account renting it
 * @param id the device's identifier
 * @param model the model
 * @param serial the serial number, if known
 * @param installedOn the day it went into service at the customer
 * @param retiredOn the day it left the fleet (returned, replaced, written off); required when retired
 * @param firmwareVersion the firmware it runs, if known
 * @param firmwareReleasedOn the day that firmware was released, if known
 * @param firmwareInstalledOn the day that firmware was put on the device (before it, the device ran something older)
 * @param status active, in_repair or retired
 * @param unitCost the per-unit marginal cost per year: hardware amortisation, service and connectivity; the
 *        vertical's default when absent
 */
public record Device(String accountId, String id, String model, Optional<String> serial, LocalDate installedOn,
        Optional<LocalDate> retiredOn, Optional<String> firmwareVersion, Optional<LocalDate> firmwareReleasedOn,
        Optional<LocalDate> firmwareInstalledOn, DeviceStatus status, Optional<Money> unitCost) {

    public static final EntityType<Device> TYPE = EntityType.builder("haas_devices", Device.class,
            "hardware-as-a-service: the devices of each customer's fleet, with firmware and per-unit marginal cost")
            .accountId(Device::accountId)
            .id("device_id", "the device's identifier", Device::id)
            .text("model", true, 200, "device model", Device::model)
            .text("serial", false, 200, "serial number", Device::serial)
            .date("installed_on", true, "day it went into service", Device::installedOn)
            .date("retired_on", false, "day it left the fleet; required when status is retired", Device::retiredOn)
            .text("firmware_version", false, 100, "firmware it runs", Device::firmwareVersion)
            .date("firmware_released_on", false, "release day of that firmware", Device::firmwareReleasedOn)
            .date("firmware_installed_on", false, "day that firmware was installed on the device", Device::firmwareInstalledOn)
            .code("status", false, DeviceStatus.class, "active, in_repair or retired (default active)", Device::status)
            .money("unit_cost", false, "per-unit marginal cost per year (hardware amortisation, service, connectivity) "
                    + "in major units", Device::unitCost)
            .build(r -> new Device(r.text("account_id"), r.text("device_id"), r.text("model"), r.optionalText("serial"),
                    r.date("installed_on"), r.optionalDate("retired_on"), r.optionalText("firmware_version"),
                    r.optionalDate("firmware_released_on"), r.optionalDate("firmware_installed_on"),
                    r.optionalCode("status", DeviceStatus.class).orElse(DeviceStatus.ACTIVE), r.optionalMoney("unit_cost")));

    public Device {
        Require.text(accountId, "account_id");
        Require.text(id, "device_id");
        Require.text(model, "model");
        Require.optional(serial, "serial");
        Require.present(installedOn, "installed_on");
        Require.optional(retiredOn, "retired_on").filter(d -> d.isBefore(installedOn)).ifPresent(d -> {
            throw new IllegalArgumentException("retired_on " + d + " is before installed_on " + installedOn);
        });
        Require.optional(firmwareVersion, "firmware_version");
        Require.optional(firmwareReleasedOn, "firmware_released_on");
        Require.optional(firmwareInstalledOn, "firmware_installed_on");
        firmwareReleasedOn.ifPresent(released -> firmwareInstalledOn.filter(i -> i.isBefore(released)).ifPresent(i -> {
            throw new IllegalArgumentException("firmware_installed_on " + i + " is before firmware_released_on " + released);
        }));
        Require.present(status, "status");
        if (status == DeviceStatus.RETIRED && retiredOn.isEmpty()) {
            throw new IllegalArgumentException("retired_on is required when status is retired");
        }
        if (status != DeviceStatus.RETIRED && retiredOn.isPresent()) {
            throw new IllegalArgumentException("retired_on " + retiredOn.get() + " is set but status is "
                    + io.tenure.api.data.Codes.code(status) + "; use retired");
        }
        Require.optional(unitCost, "unit_cost").filter(m -> m.minorUnits() < 0).ifPresent(m -> {
            throw new IllegalArgumentException("unit_cost " + m.toDecimalString() + " is negative");
        });
    }

    /** Whether the device was in the customer's fleet on {@code day}: installed by then and not yet retired. */
    public boolean inFleetOn(LocalDate day) {
        return !installedOn.isAfter(day) && retiredOn.filter(r -> !r.isAfter(day)).isEmpty();
    }
}
