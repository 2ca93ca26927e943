package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.RowError;
import io.tenure.api.rest.ApiException;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/**
 * Operations, for admins: start a health recompute or import a CSV file of one entity, each as a background job whose
 * progress the page shows ({@code <progress>} and text, refreshed by the console's script or a Refresh link). The
 * forms post to {@code /console/operations/recompute} and {@code /console/operations/import}, where the console
 * checks the CSRF token and the admin role and audits the start.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = { ConsolePage.class, OperationsPage.class })
public class OperationsPage implements ConsolePage {
    static final String IMPORT = "import";
    static final String RECOMPUTE = "recompute";
    /** How many bad rows a failed import lists. */
    static final int ERRORS_SHOWN = 10;

    @Reference
    private DataStore store;

    @Reference
    private JobRunner jobs;

    @Reference
    private InProcessApi api;

    public OperationsPage() {
    }

    OperationsPage(DataStore store, JobRunner jobs, InProcessApi api) {
        this.store = store;
        this.jobs = jobs;
        this.api = api;
    }

    @Override
    public String path() {
        return "operations";
    }

    @Override
    public String title() {
        return "Operations";
    }

    @Override
    public Role role() {
        return Role.ADMIN;
    }

    @Override
    public int order() {
        return 88;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        StringBuilder html = new StringBuilder();
        String error = Ui.param(parameters, "error");
        if (!error.isEmpty()) {
            html.append(Ui.error(error));
        }
        String id = Ui.param(parameters, "job");
        if (!id.isEmpty()) {
            Optional<JobRunner.Job> job = parseId(id).flatMap(jobs::job);
            html.append(job.map(j -> jobView(j, jobs.now())).orElse(Ui.error("There is no job " + id
                    + " (the console keeps the last " + JobRunner.KEPT + " until it restarts).")));
        }
        html.append(forms(store.types().stream().map(EntityType::name).toList()));
        html.append(jobTable(jobs.jobs()));
        return html.toString();
    }

    static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The two forms: recompute health, import a CSV file of an entity. */
    static String forms(List<String> entities) {
        StringBuilder html = new StringBuilder("<div class=\"two\"><section class=\"operation\"><h3>Recompute health"
                + "</h3><p class=\"note\">Scores every account again with the current measures and weights.</p>"
                + "<form method=\"post\" action=\"/console/operations/recompute\"><button>Recompute health</button>"
                + "</form></section><section class=\"operation\"><h3>Import a CSV file</h3><p class=\"note\">Rows are"
                + " upserted on their key in one transaction: if any row is bad, nothing is stored.</p>"
                + "<form method=\"post\" action=\"/console/operations/import\" enctype=\"multipart/form-data\""
                + " class=\"upload\"><label for=\"import-entity\">Entity</label><select id=\"import-entity\""
                + " name=\"entity\" required>");
        entities.forEach(e -> html.append("<option value=\"").append(escape(e)).append("\">").append(escape(e))
                .append("</option>"));
        return html.append("</select><label for=\"import-file\">CSV file</label><input id=\"import-file\" type=\"file\""
                + " name=\"file\" accept=\".csv,text/csv\" required><button>Import</button></form></section></div>")
                .toString();
    }

    /** One job: what, status, a progress bar and text, the outcome; the script refreshes it, the link does too. */
    static String jobView(JobRunner.Job job, java.time.Instant now) {
        StringBuilder html = new StringBuilder("<section class=\"job\" data-job=\"").append(job.id())
                .append("\" aria-live=\"polite\"><h3>Job ").append(job.id()).append(": ").append(escape(job.what()))
                .append("</h3><p>Status: <strong class=\"job-status ").append(job.status().code()).append("\">")
                .append(job.status().code()).append("</strong> · started ").append(escape(job.started().toString()
                        .substring(0, 19).replace('T', ' '))).append(" UTC by ").append(escape(job.user()))
                .append(" · <span class=\"job-elapsed\">").append(JobRunner.elapsed(job.elapsed(now))).append("</span></p>")
                .append("<p><progress max=\"1\"");
        if (job.fraction() >= 0) {
            html.append(" value=\"").append(job.fraction()).append('"');
        }
        html.append(">").append(job.fraction() >= 0 ? Math.round(job.fraction() * 100) + "%" : "running")
                .append("</progress> <span class=\"job-progress\">").append(escape(job.progress())).append("</span></p>")
                .append("<p class=\"job-message\">").append(escape(job.message())).append("</p><ul class=\"job-details\">");
        job.details().forEach(d -> html.append("<li>").append(escape(d)).append("</li>"));
        return html.append("</ul><p><a href=\"/console/operations?job=").append(job.id()).append("\">Refresh</a></p></section>")
                .toString();
    }

    private static String jobTable(List<JobRunner.Job> all) {
        if (all.isEmpty()) {
            return Ui.empty("No operation has run since the console started.");
        }
        StringBuilder html = new StringBuilder("<table><caption>Recent operations, newest first</caption><thead><tr>"
                + "<th scope=\"col\">Job</th><th scope=\"col\">What</th><th scope=\"col\">By</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\">Outcome</th></tr></thead><tbody>");
        for (JobRunner.Job j : all) {
            html.append("<tr data-job-row=\"").append(j.id()).append("\"><td><a href=\"/console/operations?job=").append(j.id())
                    .append("\">").append(j.id()).append("</a></td><td>").append(escape(j.what())).append("</td><td>")
                    .append(escape(j.user())).append("</td><td class=\"job-row-status\">").append(j.status().code())
                    .append("</td><td><small class=\"job-row-message\">").append(escape(j.message())).append("</small></td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /**
     * Spools the upload to a temporary file and starts its import as a job.
     *
     * @throws IllegalArgumentException naming what is wrong with the entity or the file
     * @throws JobRunner.Busy when another import is running
     */
    JobRunner.Job startImport(AuthenticatedUser user, String entity, String fileName, InputStream data)
            throws IOException, JobRunner.Busy {
        EntityType<?> type = store.type(entity).orElseThrow(() -> new IllegalArgumentException("There is no entity '"
                + entity + "'; choose one of " + store.types().stream().map(EntityType::name).toList() + "."));
        String name = fileName == null ? "" : Path.of(fileName.replace('\\', '/')).getFileName() == null ? ""
                : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Choose a CSV file to import.");
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new IllegalArgumentException("'" + name + "' is not a CSV file: the name must end in .csv.");
        }
        Path spool = Files.createTempFile("tenure-console-import-", ".csv");
        try {
            Files.copy(data, spool, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(spool) == 0) {
                throw new IllegalArgumentException("'" + name + "' is empty.");
            }
            JobRunner.Job job = jobs.start(IMPORT, "import of " + type.name() + " from " + name, user.name(),
                    progress -> importSpooled(type, name, spool, progress));
            return job;
        } catch (IOException | RuntimeException | JobRunner.Busy e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    private String importSpooled(EntityType<?> type, String name, Path spool, JobRunner.Progress progress)
            throws IOException, JobRunner.Failure {
        try {
            long total = Math.max(0, countLines(spool) - 1);
            progress.report("0 of " + total + " rows read", total == 0 ? -1 : 0);
            try (InputStream in = Files.newInputStream(spool)) {
                Map<String, Long> imported = store.importData(List.of(new DataStore.ImportInput(type, DataFormat.CSV, name,
                        in)), rows -> progress.report(rows + " of " + total + " rows read", total == 0 ? -1
                                : (double) rows / total));
                long rows = imported.values().stream().mapToLong(Long::longValue).sum();
                progress.report(rows + " of " + total + " rows read", 1);
                return "Imported " + rows + " " + (rows == 1 ? "row" : "rows") + " of " + type.name() + " from " + name + ".";
            } catch (DataException e) {
                List<String> errors = e.errors().stream().limit(ERRORS_SHOWN).map(RowError::toString).toList();
                long bad = Math.max(e.badRows(), e.errors().size());
                throw new JobRunner.Failure(name + ": " + (bad > 0 ? bad + (bad == 1 ? " bad row" : " bad rows") + "; "
                        : e.getMessage() + "; ") + "nothing was stored." + (errors.isEmpty() ? "" : " First errors:"), errors);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Starts a recompute of every account's health through the health REST resource, as {@code user}. */
    JobRunner.Job startRecompute(AuthenticatedUser user) throws JobRunner.Busy {
        return jobs.start(RECOMPUTE, "health recompute", user.name(), progress -> {
            progress.report("running", -1);
            try {
                Object answer = api.call(user, "POST", "health", List.of("recompute"), Map.of(), null)
                        .orElseThrow(() -> new JobRunner.Failure("The health engine is not running: start its module on"
                                + " the Modules page.", List.of()));
                return "Scored " + Plain.text(answer, "scored") + " accounts as of " + Plain.text(answer, "asOf") + ".";
            } catch (ApiException e) {
                throw new JobRunner.Failure("The health recompute was refused: " + e.getMessage(), List.of());
            }
        });
    }
}
