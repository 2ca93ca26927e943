package io.tenure.vertical.haas;

import java.time.LocalDate;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * One device's day ({@code haas_device_days}): minutes up out of the day's 1,440 and the faults it reported. A
 * day without a row is a day without telemetry, not a perfect day.
 *
 * @param accountId the account
 * @param deviceId the device
 * @param date the day (UTC)
 * @param uptimeMinutes minutes in service, 0 to 1,440
 * @param faults faults reported that day
 */
public record DeviceDay(String accountId, String deviceId, LocalDate date, long uptimeMinutes, long faults) {
    /** Minutes in a day. */
    public static final long MINUTES = 1440;

    public static final EntityType<DeviceDay> TYPE = EntityType.builder("haas_device_days", DeviceDay.class,
            "hardware-as-a-service: uptime and faults per device and day")
            .accountId(DeviceDay::accountId)
            .id("device_id", "the device", DeviceDay::deviceId)
            .date("date", true, "the day (UTC)", DeviceDay::date)
            .integer("uptime_minutes", true, "minutes in service out of 1440", DeviceDay::uptimeMinutes)
            .integer("faults", false, "faults reported (default 0)", DeviceDay::faults)
            .keyed("date")
            .build(r -> new DeviceDay(r.text("account_id"), r.text("device_id"), r.date("date"),
                    r.integer("uptime_minutes"), r.optionalInteger("faults").orElse(0L)));

    public DeviceDay {
        Require.text(accountId, "account_id");
        Require.text(deviceId, "device_id");
        Require.present(date, "date");
        Require.range(uptimeMinutes, 0, MINUTES, "uptime_minutes");
        Require.range(faults, 0, 100_000, "faults");
    }
}
