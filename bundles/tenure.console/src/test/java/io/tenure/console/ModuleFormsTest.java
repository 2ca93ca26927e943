package io.tenure.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.module.Contribution;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleKind;
import io.tenure.api.module.ModuleService;
import io.tenure.api.module.ModuleState;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** The forms of the modules and operations pages: escaped, with the CSRF token, for admins only. */
class ModuleFormsTest {
    private static final String EVIL = "<script>alert('x')</script>\"&";
    private static final ModuleInfo UPLOADED = bundle("tenure.it.sample", "deploy", false);
    private static final ModuleInfo FEATURE_BUNDLE = bundle("tenure.health", "feature", false);

    @Test
    void theUploadAndUpdateFormsArePostsWithTheTokenAndEscapeWhatTheyShow() {
        String upload = ConsoleServlet.uploadForm(EVIL);
        assertTrue(upload.contains("method=\"post\"") && upload.contains("enctype=\"multipart/form-data\"")
                && upload.contains("action=\"/console/modules/upload\"") && upload.contains("accept=\".jar"), upload);
        assertTrue(upload.contains("name=\"csrf\" value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\""), upload);
        String update = ConsoleServlet.updateForm("tok", EVIL);
        assertFalse(update.contains("<script") || update.contains("'x'"), update);
        assertTrue(update.contains("name=\"csrf\" value=\"tok\"") && update.contains("action=\"/console/modules/update\""), update);
        assertFalse(ConsoleServlet.withCsrfToken(update, "tok").replaceFirst("name=\"csrf\"", "").contains("name=\"csrf\""),
                "the token is not added twice");
    }

    @Test
    void onlyDeployedOrUploadedBundlesCanBeReplacedOrRemoved() {
        assertTrue(ConsoleServlet.replaceable(UPLOADED));
        assertTrue(ConsoleServlet.replaceable(bundle("x", "upload", false)));
        assertFalse(ConsoleServlet.replaceable(FEATURE_BUNDLE));
        assertFalse(ConsoleServlet.replaceable(bundle("x", "deploy", true)), "never a required one");
    }

    @Test
    void theUninstallConfirmationNamesWhatDisappearsEscapedAndIsForAdmins() {
        ModuleInfo evil = new ModuleInfo(EVIL, ModuleKind.BUNDLE, EVIL, "1.0", EVIL, ModuleState.ACTIVE, false, "deploy",
                List.of(), List.of(), List.of(new Contribution("io.tenure.api.console.ConsolePage", EVIL)), Optional.empty());
        String html = ConsoleServlet.confirmUninstall(session(Role.ADMIN), evil);
        assertTrue(html.contains("class=\"consequences\"") && html.contains("io.tenure.api.console.ConsolePage"), html);
        assertTrue(html.contains("action=\"/console/modules/uninstall\"") && html.contains("name=\"csrf\" value=\"token\""), html);
        assertFalse(html.contains("<script") || html.contains("'x'"), html);
        assertTrue(ConsoleServlet.confirmUninstall(session(Role.VIEWER), evil).contains("Only an admin"));
        assertTrue(ConsoleServlet.confirmUninstall(session(Role.ADMIN), FEATURE_BUNDLE).contains("cannot be uninstalled"));
    }

    @Test
    void viewersSeeNoUploadUpdateOrUninstallOnTheModulesPage() throws Exception {
        ConsoleServlet servlet = new ConsoleServlet();
        java.lang.reflect.Field field = ConsoleServlet.class.getDeclaredField("modules");
        field.setAccessible(true);
        field.set(servlet, new Modules(List.of(UPLOADED, FEATURE_BUNDLE)));
        String admin = servlet.modulesPage(session(Role.ADMIN), null, EVIL);
        assertTrue(admin.contains("/console/modules/upload") && admin.contains("/console/modules/update")
                && admin.contains("value=\"uninstall\""), admin);
        assertFalse(admin.contains("<script"), "the error is escaped: " + admin);
        assertTrue(admin.contains("data-module=\"tenure.it.sample\"") && admin.contains("data-live-state"), admin);
        assertTrue(admin.split("/console/modules/update", -1).length == 2, "only the deployed bundle can be updated");
        for (Role role : List.of(Role.VIEWER, Role.CSM)) {
            String page = servlet.modulesPage(session(role), null, null);
            assertFalse(page.contains("/console/modules/upload") || page.contains("/console/modules/update")
                    || page.contains("uninstall") || page.contains("<form"), page);
        }
    }

    @Test
    void theOperationsFormsAndAJobAreEscaped() {
        String forms = OperationsPage.forms(List.of("accounts", EVIL));
        assertTrue(forms.contains("action=\"/console/operations/import\"") && forms.contains("enctype=\"multipart/form-data\"")
                && forms.contains("action=\"/console/operations/recompute\"") && forms.contains("<option value=\"accounts\">"),
                forms);
        assertFalse(forms.contains("<script"), forms);
        assertTrue(ConsoleServlet.withCsrfToken(forms, "t").split("name=\"csrf\"", -1).length == 3, "both forms get the token");
        JobRunner.Job job = new JobRunner.Job(7, "import", EVIL, EVIL, Instant.parse("2026-01-31T10:00:00Z"), Optional.empty(),
                JobRunner.Status.FAILED, EVIL, 0.25, EVIL, List.of(EVIL));
        String view = OperationsPage.jobView(job, Instant.parse("2026-01-31T10:00:42Z"));
        assertFalse(view.contains("<script") || view.contains("'x'"), view);
        assertTrue(view.contains("<progress max=\"1\" value=\"0.25\">") && view.contains("data-job=\"7\"")
                && view.contains("href=\"/console/operations?job=7\">Refresh") && view.contains("42 s"), view);
        JobRunner.Job running = new JobRunner.Job(8, "recompute", "health recompute", "admin", Instant.parse(
                "2026-01-31T10:00:00Z"), Optional.empty(), JobRunner.Status.RUNNING, "running", -1, "", List.of());
        assertTrue(OperationsPage.jobView(running, Instant.parse("2026-01-31T10:00:05Z")).contains("<progress max=\"1\">"),
                "an unknown fraction shows an indeterminate bar");
    }

    private static ConsoleSessions.Session session(Role role) {
        return new ConsoleSessions.Session("id", new AuthenticatedUser("u", role, "console"), "token", Instant.now());
    }

    private static ModuleInfo bundle(String id, String origin, boolean required) {
        return new ModuleInfo(id, ModuleKind.BUNDLE, id, "1.0", "vendor", ModuleState.ACTIVE, required, origin, List.of(),
                List.of(), List.of(new Contribution("io.tenure.api.console.ConsolePage", "sample")), Optional.empty());
    }

    /** Modules as a fixed list. */
    private record Modules(List<ModuleInfo> all) implements ModuleService {
        @Override
        public List<ModuleInfo> modules() {
            return all;
        }

        @Override
        public Optional<ModuleInfo> module(String id) {
            return all.stream().filter(m -> m.id().equals(id)).findFirst();
        }

        @Override
        public ModuleInfo start(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModuleInfo stop(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModuleInfo update(String id, InputStream bundle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void uninstall(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModuleInfo install(String fileName, InputStream bundle) {
            throw new UnsupportedOperationException();
        }
    }
}
