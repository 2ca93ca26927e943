package io.tenure.playbooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.security.Role;

/**
 * {@code GET /api/v1/postmortems?from=..&to=..}: the churn and contraction post-mortems of a period (default: the last
 * 365 days) with ARR lost per churn type, the product feedback ranked by ARR lost, and the records still without a root
 * cause. The records themselves are {@code /api/v1/churn_records}.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=postmortems",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class PostmortemsResource implements ApiResource {
    @Reference
    private DataStore store;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        if (!request.method().equals("GET") || !request.path().isEmpty()) {
            throw ApiException.notFound("postmortems: GET /?from=YYYY-MM-DD&to=YYYY-MM-DD");
        }
        LocalDate to = request.date("to").orElse(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
        LocalDate from = request.date("from").orElse(to.minusDays(365));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from " + from + " must be before to " + to);
        }
        List<ChurnRecord> records = new ArrayList<>();
        store.repository(ChurnRecord.TYPE).scan(Query.all().since("date", from.toString()).before("date", to.toString()),
                records::add);
        return ApiResponse.ok(Postmortems.report(records, from, to));
    }
}
