package io.tenure.faulty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** A component that cannot start: Declarative Services reports it through the log service into Tenure's log. */
@Component(immediate = true, service = {})
public class FaultyActivation {

    @Activate
    void activate() {
        throw new IllegalStateException("faulty component refuses to activate");
    }
}
