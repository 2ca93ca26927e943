package io.tenure.faulty;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** A playbook trigger that throws on every account. */
@Component(service = PlaybookTrigger.class)
public class FaultyTrigger implements PlaybookTrigger {
    @Override
    public String name() {
        return "faulty_trigger";
    }

    @Override
    public String playbook() {
        return "faulty";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        throw new UnsupportedOperationException("faulty trigger was never finished");
    }
}
