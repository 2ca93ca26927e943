package io.tenure.vertical.haas;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;

/**
 * The fleet entities the store serves while this vertical runs: {@code haas_devices}, {@code haas_device_days} and
 * {@code haas_service_events}, with REST, import and export like the core entities.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = EntityContribution.class)
public class HaasEntities implements EntityContribution {
    static final List<EntityType<?>> TYPES = List.of(Device.TYPE, DeviceDay.TYPE, ServiceEvent.TYPE);

    @Override
    public List<EntityType<?>> types() {
        return TYPES;
    }
}
