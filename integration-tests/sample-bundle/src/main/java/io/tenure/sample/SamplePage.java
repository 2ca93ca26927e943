package io.tenure.sample;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.security.AuthenticatedUser;

/** A console page at {@code /console/sample}. */
@Component(property = "tenure.console.path=sample")
public class SamplePage implements ConsolePage {
    @Override
    public String path() {
        return "sample";
    }

    @Override
    public String title() {
        return "Sample";
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        return "<p id=\"sample\">Sample page for " + user.name().replace("<", "&lt;") + "</p>";
    }
}
