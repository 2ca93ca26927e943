package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A field-service visit, shipment, RMA, replacement or firmware update on a fleet ({@code haas_service_events}).
 *
 * @param accountId the account
 * @param id the event's identifier
 * @param deviceId the device it concerns, if one
 * @param kind field_service, logistics, rma, replacement or firmware_update
 * @param opened the day it was opened (a visit booked, a shipment sent, an RMA raised)
 * @param resolved the day it was closed, if it was
 * @param outcome what came of it, if recorded
 */
public record ServiceEvent(String accountId, String id, Optional<String> deviceId, ServiceKind kind, LocalDate opened,
        Optional<LocalDate> resolved, Optional<String> outcome) {

    public static final EntityType<ServiceEvent> TYPE = EntityType.builder("haas_service_events", ServiceEvent.class,
            "hardware-as-a-service: field-service visits, shipments, RMAs, replacements and firmware updates")
            .accountId(ServiceEvent::accountId)
            .id("event_id", "the event's identifier", ServiceEvent::id)
            .text("device_id", false, 100, "the device it concerns", ServiceEvent::deviceId)
            .code("kind", true, ServiceKind.class, "field_service, logistics, rma, replacement or firmware_update",
                    ServiceEvent::kind)
            .date("opened", true, "day it was opened", ServiceEvent::opened)
            .date("resolved", false, "day it was closed", ServiceEvent::resolved)
            .text("outcome", false, 1000, "what came of it", ServiceEvent::outcome)
            .build(r -> new ServiceEvent(r.text("account_id"), r.text("event_id"), r.optionalText("device_id"),
                    r.code("kind", ServiceKind.class), r.date("opened"), r.optionalDate("resolved"),
                    r.optionalText("outcome")));

    public ServiceEvent {
        Require.text(accountId, "account_id");
        Require.text(id, "event_id");
        Require.optional(deviceId, "device_id");
        Require.present(kind, "kind");
        Require.present(opened, "opened");
        Require.optional(resolved, "resolved").filter(d -> d.isBefore(opened)).ifPresent(d -> {
            throw new IllegalArgumentException("resolved " + d + " is before opened " + opened);
        });
        Require.optional(outcome, "outcome");
    }

    /** Whether the event was open at the start of {@code day}: opened before it and not resolved before it. */
    public boolean openOn(LocalDate day) {
        return opened.isBefore(day) && resolved.filter(r -> r.isBefore(day)).isEmpty();
    }
}
