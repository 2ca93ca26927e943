package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.module.ModuleException;
import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleKind;
import io.tenure.api.module.ModuleService;
import io.tenure.api.security.AuditLog;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;
import io.tenure.api.security.UserService;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin console under {@code /console/}: login and logout, the modules page where administrators start and
 * stop features and bundles, and every {@link ConsolePage} other bundles register. Every page carries strict
 * security headers; every state change is a POST with the session's CSRF token and a same-origin check. Bundles
 * and import files arrive as multipart uploads of at most {@value #MAX_UPLOAD_MB} MB.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Servlet.class)
@HttpWhiteboardServletPattern("/console/*")
@HttpWhiteboardServletMultipart(fileSizeThreshold = 1 << 20, maxFileSize = ConsoleServlet.MAX_UPLOAD_MB << 20,
        maxRequestSize = (ConsoleServlet.MAX_UPLOAD_MB + 1) << 20)
public class ConsoleServlet extends HttpServlet {
    /** The largest bundle or import file the console takes, in MB (the REST API streams larger imports). */
    static final long MAX_UPLOAD_MB = 50;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    private final transient ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), Clock.systemUTC());
    private final transient List<ConsolePage> pages = new CopyOnWriteArrayList<>();

    /** How long a page may take to render. */
    static final java.time.Duration PAGE_LIMIT = java.time.Duration.ofSeconds(15);

    @Reference
    private transient UserService users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ExtensionFaults faults;

    private final transient java.util.concurrent.ExecutorService renderers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tenure-console-page");
        t.setDaemon(true);
        return t;
    });
    private final transient Map<String, java.util.concurrent.atomic.AtomicInteger> rendering =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Reference
    private transient ModuleService modules;

    @Reference
    private transient JobRunner jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OperationsPage operations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SettingsPage settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile UsersPage usersPage;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPage(ConsolePage page) {
        pages.add(page);
    }

    void removePage(ConsolePage page) {
        pages.remove(page);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with form posts, which the
        // same-origin check must refuse.
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        if (path.equals("/console.css")) {
            serveStatic(response, "/static/console.css", "text/css;charset=utf-8");
            return;
        }
        if (path.equals("/console.js")) {
            serveStatic(response, "/static/console.js", "text/javascript;charset=utf-8");
            return;
        }
        if (path.equals("/login")) {
            if (request.getMethod().equals("POST")) {
                login(request, response);
            } else {
                loginPage(response, null, 200);
            }
            return;
        }
        boolean polling = request.getMethod().equals("GET") && (path.equals("/modules/state") || path.startsWith("/jobs/"));
        Optional<ConsoleSessions.Session> session = polling ? sessions.peek(cookie(request)) : sessions.find(cookie(request));
        if (session.isEmpty()) {
            response.sendRedirect("/console/login");
            return;
        }
        if (request.getMethod().equals("POST")) {
            Optional<String> unreadable = readMultipart(request);
            if (unreadable.isPresent()) {
                audit(session.get().user().name(), "console: POST " + path, path, 413, unreadable.get());
                page(response, session.get(), "Upload refused", 413, "<p class=\"error\" role=\"alert\">"
                        + escape(unreadable.get()) + "</p><p><a href=\"/console/modules\">Modules</a> · <a href=\""
                        + "/console/operations\">Operations</a></p>");
                return;
            }
            if (!sameOrigin(request) || !session.get().csrfToken().equals(request.getParameter("csrf"))) {
                audit(session.get().user().name(), "console: POST " + path, path, 403, "no CSRF token of this session or"
                        + " another site's page");
                page(response, session.get(), "Refused", 403,
                        "<p class=\"error\">The request was refused: it did not carry this session's CSRF token or came"
                                + " from another site. Reload the page and try again.</p>");
                return;
            }
            post(path, request, response, session.get());
            return;
        }
        if (!request.getMethod().equals("GET")) {
            response.sendError(405);
            return;
        }
        get(path, request, response, session.get());
    }

    private void get(String path, HttpServletRequest request, HttpServletResponse response, ConsoleSessions.Session session)
            throws IOException {
        if (path.equals("/") || path.isEmpty()) {
            page(response, session, "Overview", 200, overview());
            return;
        }
        if (path.equals("/modules")) {
            page(response, session, "Modules", 200, modulesPage(session, request.getParameter("message"), null));
            return;
        }
        if (path.equals("/modules/state")) {
            json(response, 200, Map.of("modules", modules.modules().stream().map(ConsoleServlet::stateJson).toList(),
                    "nav", navLinks(session).stream().map(l -> Map.of("href", l[0], "title", l[1])).toList()));
            return;
        }
        if (path.startsWith("/jobs/")) {
            Optional<JobRunner.Job> job = OperationsPage.parseId(path.substring("/jobs/".length())).flatMap(jobs::job);
            if (!session.user().may(Role.ADMIN)) {
                json(response, 403, Map.of("error", "jobs are for admins"));
            } else if (job.isEmpty()) {
                json(response, 404, Map.of("error", "there is no job " + path.substring("/jobs/".length())));
            } else {
                json(response, 200, jobs.json(job.get()));
            }
            return;
        }
        if (path.equals("/modules/confirm")) {
            Optional<ModuleInfo> module = modules.module(Optional.ofNullable(request.getParameter("id")).orElse(""));
            if (module.isEmpty()) {
                page(response, session, "Not found", 404, "<p class=\"error\">There is no module "
                        + escape(request.getParameter("id")) + ".</p><p><a href=\"/console/modules\">Modules</a></p>");
                return;
            }
            if ("uninstall".equals(request.getParameter("action"))) {
                page(response, session, "Uninstall " + module.get().name() + "?", 200, confirmUninstall(session, module.get()));
            } else {
                page(response, session, "Stop " + module.get().name() + "?", 200, confirmStop(session, module.get()));
            }
            return;
        }
        String name = path.substring(1);
        Optional<ConsolePage> page = pages.stream().filter(p -> p.path().equals(name)).findFirst();
        if (page.isEmpty()) {
            page(response, session, "Not found", 404, "<p class=\"error\">There is no page " + escape(path)
                    + ". Its module may be stopped.</p>");
            return;
        }
        if (!session.user().may(page.get().role())) {
            page(response, session, "Forbidden", 403, "<p class=\"error\">This page needs the " + page.get().role().code()
                    + " role.</p>");
            return;
        }
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> parameters.put(k, v[0]));
        Rendered rendered = render(page.get(), session, parameters);
        page(response, session, page.get().title(), rendered.status(), rendered.body());
    }

    private record Rendered(int status, String body) {
    }

    /**
     * Renders a contributed page on a worker with a time limit, so a page of a vertical or partner bundle that hangs
     * or throws costs its own request only: the visitor gets an error naming the page, the fault is reported on the
     * modules page, and at most two renderings of one page run at once.
     */
    private Rendered render(ConsolePage page, ConsoleSessions.Session session, Map<String, String> parameters) {
        String name = page.path();
        java.util.concurrent.atomic.AtomicInteger running = rendering.computeIfAbsent(name,
                k -> new java.util.concurrent.atomic.AtomicInteger());
        if (running.incrementAndGet() > 2) {
            running.decrementAndGet();
            return new Rendered(503, "<p class=\"error\">This page is still busy with earlier requests; try again in a "
                    + "moment.</p>");
        }
        java.util.concurrent.Future<String> call;
        try {
            call = renderers.submit(() -> {
                try {
                    return page.render(session.user(), parameters);
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.decrementAndGet();
            return new Rendered(503, "<p class=\"error\">The console is stopping.</p>");
        }
        ExtensionFaults f = faults;
        try {
            return new Rendered(200, call.get(PAGE_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            if (f != null) {
                f.timedOut(page, name, "console page", PAGE_LIMIT);
            }
            return new Rendered(503, "<p class=\"error\">This page did not answer within " + PAGE_LIMIT.toSeconds()
                    + " seconds. It has been reported on the <a href=\"/console/modules\">Modules</a> page.</p>");
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("Console page {} failed to render", name, e.getCause());
            if (f != null) {
                f.failed(page, name, "console page", e.getCause());
            }
            return new Rendered(500, "<p class=\"error\">This page failed to render: " + escape(String.valueOf(
                    e.getCause().getMessage())) + "</p>");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Rendered(503, "<p class=\"error\">Interrupted.</p>");
        }
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        renderers.shutdownNow();
    }

    private void post(String path, HttpServletRequest request, HttpServletResponse response, ConsoleSessions.Session session)
            throws IOException {
        if (path.equals("/logout")) {
            sessions.close(session.id());
            response.addHeader("Set-Cookie", sessionCookie(request, "", 0));
            response.sendRedirect("/console/login");
            return;
        }
        if (path.equals("/modules")) {
            String id = Optional.ofNullable(request.getParameter("id")).orElse("");
            String action = Optional.ofNullable(request.getParameter("action")).orElse("");
            if (!session.user().may(Role.ADMIN)) {
                audit(session.user().name(), "console: " + action + " " + id, id, 403, "needs the admin role");
                page(response, session, "Forbidden", 403, "<p class=\"error\">Only an admin can start or stop modules.</p>");
                return;
            }
            String message;
            boolean done;
            try {
                ModuleInfo result = switch (action) {
                    case "start" -> modules.start(id);
                    case "stop" -> modules.stop(id);
                    default -> throw new ModuleException(ModuleException.Reason.NOT_FOUND, "unknown action '" + action + "'");
                };
                message = result.name() + " is now " + result.state().name().toLowerCase(java.util.Locale.ROOT);
                done = true;
                LOG.info("Console: {} {} {}", session.user().name(), action, id);
                audit(session.user().name(), "console: " + action + " " + id, id, 200, message);
            } catch (ModuleException e) {
                message = "Could not " + action + " " + id + ": " + e.getMessage();
                done = false;
                audit(session.user().name(), "console: " + action + " " + id, id, 409, message);
            }
            answer(request, response, done, message);
            return;
        }
        if (path.equals("/modules/upload") || path.equals("/modules/update") || path.equals("/modules/uninstall")) {
            moduleFile(path.substring("/modules/".length()), request, response, session);
            return;
        }
        if (path.startsWith("/operations/") && operations != null) {
            operation(path.substring("/operations/".length()), request, response, session);
            return;
        }
        if (path.equals("/users") && usersPage != null) {
            String action = Optional.ofNullable(request.getParameter("action")).orElse("");
            String name = Optional.ofNullable(request.getParameter("name")).orElse("").strip();
            int status = 200;
            String message;
            if (!session.user().may(Role.ADMIN)) {
                audit(session.user().name(), "console: user " + action, name, 403, "needs the admin role");
                page(response, session, "Forbidden", 403, "<p class=\"error\">Only an admin can manage users.</p>");
                return;
            }
            try {
                message = usersPage.apply(action, name, Optional.ofNullable(request.getParameter("password")).orElse(""),
                        Optional.ofNullable(request.getParameter("role")).orElse(""));
            } catch (io.tenure.api.security.SecurityException | IllegalArgumentException e) {
                status = 422;
                message = "Refused: " + e.getMessage();
            }
            audit(session.user().name(), "console: user " + action, name, status, message);
            response.sendRedirect("/console/users?message=" + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/settings") && settings != null) {
            if (!session.user().may(Role.ADMIN)) {
                audit(session.user().name(), "console: settings " + request.getParameter("action"), String.valueOf(
                        request.getParameter("pid")), 403, "needs the admin role");
                page(response, session, "Forbidden", 403, "<p class=\"error\">Only an admin can change settings.</p>");
                return;
            }
            String pid = Optional.ofNullable(request.getParameter("pid")).orElse("");
            SettingsPage.Outcome outcome = settings.save(session.user(), pid, request.getParameterMap(),
                    "reset".equals(request.getParameter("action")));
            audit(session.user().name(), "console: settings " + ("reset".equals(request.getParameter("action")) ? "reset" : "save"),
                    pid, outcome.formWithError().isPresent() ? 422 : 200, outcome.detail());
            if (outcome.formWithError().isPresent()) {
                page(response, session, "Settings", 422, outcome.formWithError().get());
            } else {
                response.sendRedirect("/console/settings?pid=" + java.net.URLEncoder.encode(pid, StandardCharsets.UTF_8)
                        + "&message=" + java.net.URLEncoder.encode(outcome.saved().orElse(""), StandardCharsets.UTF_8));
            }
            return;
        }
        response.sendError(404);
    }

    /**
     * Ends a module action: a form post is redirected to the modules page with the message; the console's script
     * (asking for JSON) gets the outcome and where a plain form would have gone.
     */
    private static void answer(HttpServletRequest request, HttpServletResponse response, boolean done, String message)
            throws IOException {
        String location = "/console/modules?message=" + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8);
        if (Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("application/json")) {
            json(response, done ? 200 : 409, Map.of("ok", done, "message", message, "redirect", location));
        } else {
            response.sendRedirect(location);
        }
    }

    /** Upload, update (a new jar for a deployed bundle) or uninstall: admins only, audited, errors shown escaped. */
    private void moduleFile(String action, HttpServletRequest request, HttpServletResponse response,
            ConsoleSessions.Session session) throws IOException {
        String user = session.user().name();
        String id = Optional.ofNullable(request.getParameter("id")).orElse("");
        if (!session.user().may(Role.ADMIN)) {
            audit(user, "console: " + action + " bundle", id, 403, "needs the admin role");
            page(response, session, "Forbidden", 403, "<p class=\"error\">Only an admin can upload, update or uninstall"
                    + " bundles.</p>");
            return;
        }
        String target = id.isEmpty() ? "upload" : id;
        try {
            String message;
            if (action.equals("uninstall")) {
                ModuleInfo module = modules.module(id).orElseThrow(() -> new ModuleException(ModuleException.Reason.NOT_FOUND,
                        "there is no module '" + id + "'"));
                modules.uninstall(id);
                message = "Uninstalled " + module.name() + " (" + module.id() + ")" + (module.contributions().isEmpty() ? "."
                        : "; gone: " + String.join(", ", module.contributions().stream().map(c -> c.type() + " "
                                + c.name()).toList()) + ".");
            } else {
                Upload upload = Upload.of(request, "bundle");
                ModuleInfo result = action.equals("update") ? modules.update(id, upload.data())
                        : modules.install(upload.fileName(), upload.data());
                target = result.id();
                message = (action.equals("update") ? "Updated " : "Installed ") + result.id() + " " + result.version()
                        + " from " + upload.fileName() + ": " + state(result) + result.error().map(e -> " (" + e + ")").orElse("");
            }
            LOG.info("Console: {} {} bundle {}: {}", user, action, id, message);
            audit(user, "console: " + action + " bundle", target, 200,
                    (action.equals("upload") ? "uploaded bundle: " : "") + message);
            answer(request, response, true, message);
        } catch (ModuleException | IllegalArgumentException e) {
            int status = e instanceof ModuleException m && m.reason() != ModuleException.Reason.INVALID ? 409 : 422;
            String message = "Could not " + action + (id.isEmpty() ? " the bundle" : " " + id) + ": " + e.getMessage();
            audit(user, "console: " + action + " bundle", target, status, message);
            if (Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("application/json")) {
                json(response, status, Map.of("ok", false, "message", message));
            } else {
                page(response, session, "Modules", status, modulesPage(session, null, message));
            }
        }
    }

    /** Starts a health recompute or an import as a background job and shows its page. */
    private void operation(String action, HttpServletRequest request, HttpServletResponse response,
            ConsoleSessions.Session session) throws IOException {
        String user = session.user().name();
        String entity = Optional.ofNullable(request.getParameter("entity")).orElse("");
        String target = action.equals("import") ? entity : "health";
        if (!session.user().may(Role.ADMIN)) {
            audit(user, "console: " + action, target, 403, "needs the admin role");
            page(response, session, "Forbidden", 403, "<p class=\"error\">Only an admin can run operations.</p>");
            return;
        }
        OperationsPage page = operations;
        try {
            JobRunner.Job job;
            if (action.equals("recompute")) {
                job = page.startRecompute(session.user());
            } else if (action.equals("import")) {
                Upload upload = Upload.of(request, "file");
                job = page.startImport(session.user(), entity, upload.fileName(), upload.data());
            } else {
                response.sendError(404);
                return;
            }
            audit(user, "console: " + action, target, 202, "started job " + job.id() + ": " + job.what());
            response.sendRedirect("/console/operations?job=" + job.id());
        } catch (IllegalArgumentException | JobRunner.Busy e) {
            int status = e instanceof JobRunner.Busy ? 409 : 422;
            audit(user, "console: " + action, target, status, e.getMessage());
            response.sendRedirect("/console/operations?error=" + java.net.URLEncoder.encode(e.getMessage(),
                    StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a multipart body before anything else, so a file over the limit is refused with a clear message (and not
     * as a missing CSRF token).
     *
     * @return why the upload could not be read; empty when it could, or it is no upload
     */
    private static Optional<String> readMultipart(HttpServletRequest request) {
        if (!Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        String tooLarge = "The file is larger than the " + MAX_UPLOAD_MB + " MB the console takes; nothing was stored.";
        long length = request.getContentLengthLong();
        if (length > (MAX_UPLOAD_MB + 1) << 20) {
            // refused on the declared length without keeping anything; a body up to twice the limit is read and
            // dropped first, so the client, still sending, gets the answer instead of a connection closed under it
            if (length <= (MAX_UPLOAD_MB + 1) << 21) {
                try (InputStream in = request.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the client went away: nothing to answer
                }
            }
            return Optional.of(tooLarge);
        }
        try {
            request.getParts();
            return Optional.empty();
        } catch (IOException | ServletException | IllegalStateException e) {
            String cause = e.getCause() == null ? "" : e.getCause().getClass().getSimpleName();
            return Optional.of(cause.contains("SizeLimit") || cause.contains("SizeException")
                    ? tooLarge
                    : "The upload could not be read (" + e.getMessage() + "); nothing was stored.");
        }
    }

    /** A file field of a multipart form: its name as the browser sent it and its content. */
    record Upload(String fileName, InputStream data) {
        static Upload of(HttpServletRequest request, String field) throws IOException {
            Part part;
            try {
                part = request.getPart(field);
            } catch (ServletException | IllegalStateException e) {
                throw new IllegalArgumentException("the form was not sent as a file upload (multipart/form-data)");
            }
            String name = part == null ? null : part.getSubmittedFileName();
            if (part == null || name == null || name.isBlank() || part.getSize() == 0) {
                throw new IllegalArgumentException(name == null || name.isBlank() ? "choose a file to upload"
                        : "the file '" + name + "' is empty");
            }
            String plain = name.replace('\\', '/');
            plain = plain.substring(plain.lastIndexOf('/') + 1);
            if (field.equals("bundle") && !plain.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
                throw new IllegalArgumentException("'" + plain + "' is not a bundle: upload a .jar file");
            }
            return new Upload(plain, part.getInputStream());
        }
    }

    /** Records a console action in the audit log, when the runtime provides one. */
    private void audit(String user, String action, String target, int status, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(user, action, target, status, detail);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sameOrigin(request)) {
            loginPage(response, "The login came from another site and was refused.", 403);
            return;
        }
        Optional<AuthenticatedUser> user = users.authenticate(request.getParameter("user"), request.getParameter("password"));
        if (user.isEmpty()) {
            loginPage(response, "Wrong user name or password. After repeated failures, logins for that name are paused"
                    + " for a while.", 401);
            return;
        }
        ConsoleSessions.Session session = sessions.open(user.get());
        response.addHeader("Set-Cookie", sessionCookie(request, session.id(), -1));
        response.sendRedirect("/console/");
    }

    /**
     * The session cookie: HttpOnly, SameSite=Strict, limited to the console, and Secure whenever the browser reached
     * Tenure over HTTPS — directly, or through a proxy that ends TLS and says so with {@code X-Forwarded-Proto: https}
     * (or the standard {@code Forwarded: proto=https}).
     */
    static String sessionCookie(HttpServletRequest request, String value, int maxAge) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/console; HttpOnly; SameSite=Strict"
                + (overHttps(request) ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    static boolean overHttps(HttpServletRequest request) {
        if (request.isSecure() || "https".equalsIgnoreCase(String.valueOf(request.getHeader("X-Forwarded-Proto")).strip())) {
            return true;
        }
        String forwarded = request.getHeader("Forwarded");
        return forwarded != null && forwarded.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("proto=https");
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(ConsoleSessions.COOKIE)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * A state change must come from a page of this server: Origin (or Referer) must name this host; a browser that
     * withholds both says {@code Sec-Fetch-Site: same-origin}, which no page of another site can make it say.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = Optional.ofNullable(request.getHeader("Origin")).filter(o -> !o.equals("null"))
                .orElse(request.getHeader("Referer"));
        if (origin == null) {
            return "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- Pages -------------------------------------------------------------------------------------------------

    private String overview() {
        StringBuilder html = new StringBuilder("<h2>Features</h2><ul class=\"cards\">");
        for (ModuleInfo module : modules.modules()) {
            if (module.kind() == ModuleKind.FEATURE) {
                html.append("<li><strong>").append(escape(module.name())).append("</strong> <span class=\"state ")
                        .append(escape(state(module))).append("\">").append(escape(state(module))).append("</span><br>")
                        .append(escape(module.members().size())).append(" bundles</li>");
            }
        }
        html.append("</ul>");
        return html.toString();
    }

    String modulesPage(ConsoleSessions.Session session, String message, String error) {
        boolean admin = session.user().may(Role.ADMIN);
        StringBuilder html = new StringBuilder();
        if (message != null) {
            html.append("<p class=\"message\" role=\"status\">").append(escape(message)).append("</p>");
        }
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        if (admin) {
            html.append(uploadForm(session.csrfToken()));
        }
        html.append("<table class=\"modules\" data-live-state><caption>Features and bundles</caption><thead><tr><th scope=\"col\">Module</th>"
                + "<th scope=\"col\">Kind</th><th scope=\"col\">Version and vendor</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">Contributes</th><th scope=\"col\">Action</th></tr></thead><tbody>");
        ExtensionFaults f = faults;
        List<ExtensionFaults.Summary> summaries = f == null ? List.of() : f.summaries();
        for (ModuleInfo module : modules.modules()) {
            html.append("<tr data-module=\"").append(escape(module.id())).append("\"><td><strong>").append(escape(module.name())).append("</strong><br><code>")
                    .append(escape(module.id())).append("</code>");
            if (!module.dependencies().isEmpty()) {
                html.append("<br><small class=\"needs\">needs ").append(escape(String.join(", ", module.dependencies())))
                        .append("</small>");
            }
            html.append("</td><td>").append(escape(kind(module)))
                    .append("</td><td>").append(escape(module.version())).append("<br><small>")
                    .append(escape(module.vendor())).append("</small></td><td><span class=\"state ")
                    .append(escape(state(module))).append("\">").append(escape(state(module))).append("</span>");
            module.error().ifPresent(e -> html.append("<br><small class=\"error\">").append(escape(e)).append("</small>"));
            faults(module, summaries).ifPresent(text -> html.append("<br><small class=\"error faults\">").append(escape(text))
                    .append("</small>"));
            html.append("</td><td><small>");
            module.contributions().stream().limit(6).forEach(c ->
                    html.append(escape(c.type())).append(": ").append(escape(c.name())).append("<br>"));
            html.append("</small></td><td>");
            if (admin && !module.required()) {
                boolean running = !state(module).equals("stopped") && !state(module).equals("resolved")
                        && !state(module).equals("installed");
                if (running) {
                    // Stopping removes things: first a page that names them, then the POST.
                    html.append("<form method=\"get\" action=\"/console/modules/confirm\"><input type=\"hidden\" name=\"id\""
                            + " value=\"").append(escape(module.id())).append("\"><button name=\"action\" value=\"stop\">stop"
                                    + "</button></form>");
                } else {
                    html.append(toggleForm(session, module.id(), "start", "start", false));
                }
                if (replaceable(module)) {
                    html.append(updateForm(session.csrfToken(), module.id()))
                            .append("<form method=\"get\" action=\"/console/modules/confirm\"><input type=\"hidden\""
                                    + " name=\"id\" value=\"").append(escape(module.id())).append("\"><button name=\"action\""
                                            + " value=\"uninstall\">uninstall</button></form>");
                }
            } else if (module.required()) {
                html.append("<small>required</small>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
        return html.toString();
    }

    /**
     * The faults of a module's extensions since the start ("3 failed, 1 timed out; latest: metric x, ..."): a feature
     * counts its bundles'.
     */
    static Optional<String> faults(ModuleInfo module, List<ExtensionFaults.Summary> summaries) {
        return ExtensionFaults.of(module, summaries).map(sum -> sum.failed() + " failed, " + sum.timedOut()
                + " timed out since the start; latest " + sum.latest().at() + ": " + sum.latest().call() + " "
                + sum.latest().extension() + " of " + sum.latest().bundle() + ": " + sum.latest().message());
    }

    /**
     * A start or stop form; the console's script posts it with fetch() and updates the table in place, or (from a
     * confirmation page, {@code navigate}) goes back to the modules page.
     */
    private static String toggleForm(ConsoleSessions.Session session, String id, String action, String label,
            boolean navigate) {
        return "<form method=\"post\" action=\"/console/modules\" data-fetch=\"" + (navigate ? "navigate" : "inline")
                + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + escape(session.csrfToken()) + "\"><input type=\"hidden\" name=\"id\" value=\"" + escape(id)
                + "\"><button name=\"action\" value=\"" + escape(action) + "\">" + escape(label) + "</button></form>";
    }

    /** What stopping a module takes away, named before anything happens. */
    private String confirmStop(ConsoleSessions.Session session, ModuleInfo module) {
        if (!session.user().may(Role.ADMIN)) {
            return "<p class=\"error\">Only an admin can start or stop modules.</p>";
        }
        StringBuilder html = new StringBuilder("<p>Stopping <strong>").append(escape(module.name())).append("</strong> (")
                .append(escape(kind(module))).append(") takes away, until it is started again:</p><ul class=\"consequences\">");
        if (module.contributions().isEmpty()) {
            html.append("<li>nothing it registers now (no REST resource, page or service)</li>");
        }
        module.contributions().forEach(c -> html.append("<li>").append(escape(c.type())).append(": <strong>")
                .append(escape(c.name())).append("</strong></li>"));
        html.append("</ul>");
        if (module.kind() == ModuleKind.FEATURE && !module.members().isEmpty()) {
            html.append("<p>Its bundles stop: ").append(escape(String.join(", ", module.members()))).append(".</p>");
        }
        html.append("<p class=\"note\">Stored data stays; starting it again brings everything back.</p><div class=\"actions\">")
                .append(toggleForm(session, module.id(), "stop", "Stop " + module.name(), true))
                .append("<a href=\"/console/modules\">Cancel</a></div>");
        return html.toString();
    }

    /** Only bundles that were deployed or uploaded can be replaced or removed; feature bundles are stopped instead. */
    static boolean replaceable(ModuleInfo module) {
        return module.kind() == ModuleKind.BUNDLE && !module.required()
                && ("deploy".equals(module.origin()) || "upload".equals(module.origin()));
    }

    /** The form that uploads a bundle jar: installed and started, or an update if its symbolic name is deployed. */
    static String uploadForm(String csrf) {
        return "<form method=\"post\" action=\"/console/modules/upload\" enctype=\"multipart/form-data\" class=\"upload\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\"><label for=\"bundle-file\">Upload a"
                + " bundle (.jar, at most " + MAX_UPLOAD_MB + " MB)</label><input id=\"bundle-file\" type=\"file\" name=\"bundle\""
                + " accept=\".jar,application/java-archive\" required><button>Upload and start</button></form>";
    }

    /** The form that replaces a deployed bundle with a new jar. */
    static String updateForm(String csrf, String id) {
        String field = "update-" + id.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "<form method=\"post\" action=\"/console/modules/update\" enctype=\"multipart/form-data\" class=\"update\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\"><input type=\"hidden\" name=\"id\""
                + " value=\"" + escape(id) + "\"><label for=\"" + escape(field) + "\">New jar</label><input id=\""
                + escape(field) + "\" type=\"file\" name=\"bundle\" accept=\".jar,application/java-archive\" required>"
                + "<button name=\"action\" value=\"update\">update</button></form>";
    }

    /** What uninstalling a bundle takes away for good, named before anything happens. */
    static String confirmUninstall(ConsoleSessions.Session session, ModuleInfo module) {
        if (!session.user().may(Role.ADMIN)) {
            return "<p class=\"error\">Only an admin can uninstall bundles.</p>";
        }
        if (!replaceable(module)) {
            return "<p class=\"error\">" + escape(module.name()) + " is not a deployed or uploaded bundle: it cannot be"
                    + " uninstalled, only stopped.</p><p><a href=\"/console/modules\">Modules</a></p>";
        }
        StringBuilder html = new StringBuilder("<p>Uninstalling <strong>").append(escape(module.name())).append("</strong> ")
                .append(escape(module.version())).append(" removes its jar from deploy/ and takes away:</p><ul class=\"consequences\">");
        if (module.contributions().isEmpty()) {
            html.append("<li>nothing it registers now (no REST resource, page or service)</li>");
        }
        module.contributions().forEach(c -> html.append("<li>").append(escape(c.type())).append(": <strong>")
                .append(escape(c.name())).append("</strong></li>"));
        return html.append("</ul><p class=\"note\">Stored data stays; uploading the jar again brings it back.</p>"
                + "<div class=\"actions\"><form method=\"post\" action=\"/console/modules/uninstall\" data-fetch=\"navigate\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(session.csrfToken()))
                .append("\"><input type=\"hidden\" name=\"id\" value=\"").append(escape(module.id()))
                .append("\"><button name=\"action\" value=\"uninstall\">Uninstall ").append(escape(module.name()))
                .append("</button></form><a href=\"/console/modules\">Cancel</a></div>").toString();
    }

    private static Map<String, Object> stateJson(ModuleInfo module) {
        return Map.of("id", module.id(), "state", state(module), "error", module.error().orElse(""));
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(new com.google.gson.Gson().toJson(body));
    }

    private static String kind(ModuleInfo module) {
        return module.kind() == ModuleKind.FEATURE ? "feature" : module.origin() + " bundle";
    }

    private static String state(ModuleInfo module) {
        return module.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void page(HttpServletResponse response, ConsoleSessions.Session session, String title, int status, String body)
            throws IOException {
        StringBuilder nav = new StringBuilder();
        navLinks(session).forEach(l -> nav.append("<a href=\"").append(escape(l[0])).append("\">").append(escape(l[1]))
                .append("</a>"));
        String user = "<span>" + escape(session.user().name()) + " (" + escape(session.user().role().code()) + ")</span>"
                + "<form method=\"post\" action=\"/console/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                + escape(session.csrfToken()) + "\"><button>Log out</button></form>";
        body = withCsrfToken(body, session.csrfToken());
        write(response, status, title, "<a class=\"skip\" href=\"#main\">Skip to content</a><header><h1>Tenure</h1>"
                + "<nav aria-label=\"Main\">" + nav + "</nav><div class=\"user\">" + user + "</div></header>"
                + "<main id=\"main\" tabindex=\"-1\"><h2>" + escape(title) + "</h2>" + body + "</main>");
    }

    /** The navigation for this session's user, as {href, title} pairs: the script rebuilds it after a toggle. */
    private List<String[]> navLinks(ConsoleSessions.Session session) {
        List<String[]> links = new java.util.ArrayList<>();
        links.add(new String[] { "/console/", "Overview" });
        links.add(new String[] { "/console/modules", "Modules" });
        pages.stream().filter(p -> session.user().may(p.role())).sorted(Comparator.comparingInt(ConsolePage::order)
                .thenComparing(ConsolePage::title)).forEach(p -> links.add(new String[] { "/console/" + p.path(), p.title() }));
        return links;
    }

    private static final java.util.regex.Pattern POST_FORM = java.util.regex.Pattern.compile(
            "<form\\b[^>]*\\bmethod=\"post\"[^>]*>(?!<input type=\"hidden\" name=\"csrf\")", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Every POST form of a page, the console's or a contributed one, carries the session's CSRF token. */
    static String withCsrfToken(String body, String token) {
        return POST_FORM.matcher(body).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group()
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(token) + "\">"));
    }

    private void loginPage(HttpServletResponse response, String error, int status) throws IOException {
        write(response, status, "Log in", "<main class=\"login\"><h1>Tenure</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/console/login\"><label for=\"user\">User</label>"
                + "<input id=\"user\" name=\"user\" autocomplete=\"username\" required autofocus>"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required><button type=\"submit\">Log in</button></form></main>");
    }

    private static void write(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " · Tenure</title><link rel=\"stylesheet\" href=\"/console/console.css\">"
                + "<script src=\"/console/console.js\" defer></script></head><body>" + body
                + "</body></html>");
    }

    private static void serveStatic(HttpServletResponse response, String resource, String type) throws IOException {
        response.setContentType(type);
        response.setHeader("Cache-Control", "max-age=300");
        try (InputStream in = ConsoleServlet.class.getResourceAsStream(resource)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
