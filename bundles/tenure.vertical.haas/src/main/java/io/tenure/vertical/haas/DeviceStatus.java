package io.tenure.vertical.haas;

/** Where a device stands: in service, away for repair, or retired (returned, replaced or written off). */
public enum DeviceStatus {
    ACTIVE, IN_REPAIR, RETIRED;
}
