package io.tenure.metrics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The finance settings, editable at runtime through Config Admin (PID {@value FinanceConfig#PID}). */
@Component(service = Finance.class, configurationPid = FinanceConfig.PID)
@Designate(ocd = FinanceConfig.class)
public class Finance {
    private volatile FinanceConfig config;

    public Finance() {
    }

    public Finance(FinanceConfig config) {
        this.config = config;
    }

    @Activate
    @Modified
    void configure(FinanceConfig changed) {
        if (changed.lowTouchArr() < 0 || changed.highTouchArr() < changed.lowTouchArr()) {
            throw new IllegalArgumentException(FinanceConfig.PID + " lowTouchArr " + changed.lowTouchArr() + " and highTouchArr "
                    + changed.highTouchArr() + ": low touch must start at or below high touch, neither negative");
        }
        this.config = changed;
    }

    public FinanceConfig config() {
        return config;
    }
}
