package io.tenure.vertical.haas;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of service event on a fleet. Written as lower-case codes ({@code field_service}). */
public enum ServiceKind {
    /** A technician's visit on site. */
    FIELD_SERVICE,
    /** A shipment to or from the customer (spares, returns, swaps). */
    LOGISTICS,
    /** A return merchandise authorisation: the device goes back for repair or credit. */
    RMA,
    /** A replacement device shipped in place of a failed one. */
    REPLACEMENT,
    /** A firmware update rolled out to the device. */
    FIRMWARE_UPDATE;

    /** The kinds that weigh on the customer while open: everything but firmware updates. */
    public static final Set<ServiceKind> BURDEN = EnumSet.of(FIELD_SERVICE, LOGISTICS, RMA, REPLACEMENT);
    /** The kinds that are shipments and can run late. */
    public static final Set<ServiceKind> SHIPMENTS = EnumSet.of(LOGISTICS, REPLACEMENT);
    /** The kinds that put a failing device back in order and so end its RMA episode. */
    public static final Set<ServiceKind> RENEWALS = EnumSet.of(RMA, REPLACEMENT);
}
