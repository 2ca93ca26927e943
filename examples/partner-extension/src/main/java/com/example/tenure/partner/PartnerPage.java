package com.example.tenure.partner;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.security.AuthenticatedUser;

/** {@code /console/partner}: what this extension adds, shown while the bundle runs. */
@Component(service = ConsolePage.class)
public class PartnerPage implements ConsolePage {

    @Override
    public String path() {
        return "partner";
    }

    @Override
    public String title() {
        return "Partner extension";
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        return "<h1>Example partner extension</h1>\n<p id=\"partner\">Adds to Tenure, for " + ConsolePage.escape(user.name()) + ":</p>\n<ul>"
                + "<li>the health measure <code>partner_ticket_resolution</code> (sentiment)</li>"
                + "<li>the playbook trigger <code>partner_quiet_account</code></li>"
                + "<li>the metric <a href=\"/api/v1/metrics/partner_ticket_backlog\">partner_ticket_backlog</a></li></ul>";
    }
}
