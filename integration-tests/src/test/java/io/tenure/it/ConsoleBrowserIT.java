package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, driven by Selenium)
 * against the real distribution on a 300-account demo base: logging in, the pages a CS leader reads, and what the
 * console refuses (a wrong password, repeated failures, a state change without the CSRF token, a viewer toggling a
 * module). Screenshots go to {@code target/screenshots/}.
 *
 * <p>Without chromium or chromedriver the test is skipped with a message saying so; under CI ({@code CI=true}) it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TENURE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TENURE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "viewer-password-1";

    private TenureProcess tenure;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start() throws Exception {
        requireBrowser();
        tenure = TenureProcess.start(TenureProcess.freshHome("console-browser"), "--demo", "--demo-accounts", "300");
        assertEquals(200, tenure.post("/api/v1/health/recompute", TenureProcess.admin(), null, new byte[0]).statusCode());
        HttpResponse<String> viewer = tenure.post("/api/v1/users", TenureProcess.admin(), "application/json",
                ("{\"name\":\"" + VIEWER + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, viewer.statusCode(), viewer.body());
        assertEquals(200, tenure.post("/api/v1/playbooks/run", TenureProcess.admin(), null, new byte[0]).statusCode());
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("tenure-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (tenure != null) {
                tenure.close();
            }
            if (profile != null) {
                deleteTree(profile);
            }
        }
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "The console's browser tests need Debian's chromium and chromedriver at " + CHROMIUM + " and "
                + CHROMEDRIVER + " (apt-get install chromium chromium-driver; or set TENURE_CHROMIUM / TENURE_CHROMEDRIVER)";
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + ": missing under CI, where they must run.");
            }
            System.err.println("ConsoleBrowserIT skipped: " + message + ".");
            Assumptions.assumeTrue(false, message + ": skipped.");
        }
    }

    // ---- Refusals ----------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndRepeatedFailuresAreSlowedDown() throws Exception {
        browser.get(tenure.url("/console/"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), browser.getCurrentUrl());
        login("admin", "not-the-password");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "still on the login page");
        assertTrue(text(By.cssSelector("[role=alert]")).contains("Wrong user name or password"), browser.getPageSource());
        screenshot("login-refused");

        // Five failures in a row lock the name for a second: even the right password is refused until then.
        for (int i = 0; i < 5; i++) {
            assertEquals(401, consoleLogin(VIEWER, "wrong-" + i).statusCode());
        }
        assertEquals(401, consoleLogin(VIEWER, VIEWER_PASSWORD).statusCode(), "locked after five failures");
        TenureProcess.sleep(2_100);
        assertEquals(302, consoleLogin(VIEWER, VIEWER_PASSWORD).statusCode(), "the lock passes");
    }

    @Test
    @Order(2)
    void everyResponseCarriesTheSecurityHeadersAndTheCookieIsLockedDown() {
        HttpResponse<String> login = consoleLogin("admin", TenureProcess.ADMIN_PASSWORD);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"), cookie);
        assertTrue(!cookie.contains("Secure"), "plain HTTP on loopback: no Secure flag the browser would refuse: " + cookie);
        HttpResponse<String> proxied = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://127.0.0.1:" + tenure.port)
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + TenureProcess.ADMIN_PASSWORD)).build());
        assertTrue(proxied.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"),
                "behind a proxy that ends TLS the cookie is Secure: " + proxied.headers().map());
        String session = cookie.substring(0, cookie.indexOf(';'));
        for (String path : List.of("/console/login", "/console/", "/console/modules", "/console/portfolio",
                "/console/accounts", "/console/account?id=acct-000001", "/console/tasks", "/console/forecast",
                "/console/journey", "/console/team", "/console/cohorts", "/console/audit", "/console/users", "/console/board",
                "/console/settings", "/console/operations",
                "/console/settings?pid=io.tenure.health", "/console/no-such-page")) {
            HttpResponse<String> page = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url(path)))
                    .header("Cookie", session).GET().build());
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline") && !csp.contains("http"), path + ": " + csp);
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertEquals(page.body().split("<script", -1).length - 1, page.body().split(
                    "<script src=\"/console/console.js\" defer></script>", -1).length - 1, path + " has no inline script");
        }
        HttpResponse<String> script = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url("/console/console.js")))
                .GET().build());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    }

    @Test
    @Order(3)
    void aStateChangeWithoutTheCsrfTokenIsRefused() {
        String session = session("admin", TenureProcess.ADMIN_PASSWORD);
        HttpResponse<String> refused = consolePost("/console/modules", session, Map.of("id", "ingest", "action", "stop"));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("CSRF token"), refused.body());
        HttpResponse<String> wrongToken = consolePost("/console/modules", session,
                Map.of("id", "ingest", "action", "stop", "csrf", "forged"));
        assertEquals(403, wrongToken.statusCode());
        String csrf = csrfToken(session);
        HttpResponse<String> crossSite = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url("/console/modules")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.ofString("id=ingest&action=stop&csrf=" + csrf))
                .build());
        assertEquals(403, crossSite.statusCode(), "another site's page is refused even with the token");
        assertTrue(moduleState("ingest").contains("active"), "nothing was stopped");
    }

    @Test
    @Order(4)
    void aViewerCannotToggleAModule() {
        browser.manage().deleteAllCookies();
        browser.get(tenure.url("/console/login"));
        login(VIEWER, VIEWER_PASSWORD);
        browser.get(tenure.url("/console/modules"));
        assertTrue(browser.findElements(By.cssSelector("form[action^='/console/modules'] button")).isEmpty(),
                "a viewer sees no start or stop buttons");
        screenshot("modules-viewer");

        // Even with the session's own CSRF token, the server refuses the viewer.
        String session = session(VIEWER, VIEWER_PASSWORD);
        String csrf = csrfToken(session);
        HttpResponse<String> refused = consolePost("/console/modules", session,
                Map.of("id", "ingest", "action", "stop", "csrf", csrf));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(moduleState("ingest").contains("active"), "nothing was stopped");

        // Nor may a viewer upload a bundle or start an import, token or not.
        HttpResponse<String> upload = consoleUpload("/console/modules/upload", session, Map.of("csrf", csrf), "bundle",
                "sample.jar", sampleJar());
        assertEquals(403, upload.statusCode(), upload.body());
        assertEquals(404, tenure.get("/api/v1/modules/tenure.it.sample", TenureProcess.admin()).statusCode(),
                "nothing was installed");
        HttpResponse<String> imported = consoleUpload("/console/operations/import", session, Map.of("csrf", csrf,
                "entity", "accounts"), "file", "accounts.csv", "account_id,name\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, imported.statusCode(), imported.body());
        logout();
    }

    @Test
    @Order(5)
    void anUploadOverTheLimitIsRefusedWithTheLimitNamed() {
        String session = session("admin", TenureProcess.ADMIN_PASSWORD);
        HttpResponse<String> refused = consoleUpload("/console/modules/upload", session, Map.of("csrf", csrfToken(session)),
                "bundle", "huge.jar", new byte[51 << 20]);
        assertEquals(413, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("larger than the 50 MB"), refused.body());
        assertEquals(404, tenure.get("/api/v1/modules/huge", TenureProcess.admin()).statusCode(), "nothing was installed");
    }

    // ---- Pages -------------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void anAdminLogsInAndReadsTheOverviewAndModules() {
        browser.manage().deleteAllCookies();
        browser.get(tenure.url("/console/login"));
        screenshot("login");
        login("admin", TenureProcess.ADMIN_PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/console/"), browser.getCurrentUrl());
        assertTrue(text(By.tagName("main")).contains("core"), "the overview lists the features");
        screenshot("overview");
        browser.get(tenure.url("/console/modules"));
        assertFalse(browser.findElements(By.cssSelector("form[action^='/console/modules'] button")).isEmpty(),
                "an admin may start and stop modules");
        screenshot("modules");
    }

    @Test
    @Order(17)
    void anAdminTogglesAVerticalAndItsPageDisappearsAndReturns() {
        browser.get(tenure.url("/console/modules"));
        By enterprisePage = By.cssSelector("nav a[href='/console/enterprise']");
        Assumptions.assumeTrue(!browser.findElements(By.cssSelector("input[name=id][value=enterprise]")).isEmpty(),
                "the enterprise vertical is part of this distribution");
        assertFalse(browser.findElements(enterprisePage).isEmpty(), "the vertical's page is in the navigation: "
                + text(By.tagName("nav")));
        toggle("enterprise", "stop");
        assertTrue(text(By.cssSelector("[role=status]")).contains("is now stopped"), text(By.tagName("main")));
        assertTrue(browser.findElements(enterprisePage).isEmpty(), "its page left the navigation");
        screenshot("modules-enterprise-stopped");
        // Starting goes through the console's script: the state cell and the navigation change without a page load.
        String url = browser.getCurrentUrl();
        js("window.__marker = 'no reload'");
        browser.findElement(By.cssSelector("form:has(input[name=id][value=enterprise]) button[value=start]")).click();
        By state = By.cssSelector("tr[data-module=enterprise] .state");
        waitFor(() -> text(state).equals("active"), "the state cell says active");
        waitFor(() -> text(By.cssSelector("[role=status]")).contains("is now active"), "the message");
        waitFor(() -> !browser.findElements(enterprisePage).isEmpty(), "its page back in the navigation");
        assertEquals("no reload", js("return window.__marker"), "no page load happened");
        assertEquals(url, browser.getCurrentUrl());
        screenshot("modules-enterprise-started-live");
    }

    private Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    @Order(18)
    void anAdminUploadsABundleUsesItsPageAndUninstallsIt() throws IOException {
        browser.get(tenure.url("/console/modules"));
        Path notABundle = Files.writeString(Files.createTempDirectory("tenure-upload").resolve("notes.txt"), "hello");
        browser.findElement(By.id("bundle-file")).sendKeys(notABundle.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action='/console/modules/upload'] button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("main [role=alert]")).isEmpty(), "the refusal");
        assertTrue(text(By.cssSelector("main [role=alert]")).contains("'notes.txt' is not a bundle"), text(By.tagName("main")));
        screenshot("modules-upload-refused");

        Path jar = Path.of(System.getProperty("tenure.sample.bundle"));
        browser.findElement(By.id("bundle-file")).sendKeys(jar.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action='/console/modules/upload'] button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/modules?message="), "the upload");
        String message = text(By.cssSelector("[role=status]"));
        assertTrue(message.contains("Installed tenure.it.sample") && message.contains("active"), message);
        assertFalse(browser.findElements(By.cssSelector("tr[data-module='tenure.it.sample']")).isEmpty(), "listed");
        screenshot("modules-uploaded");
        browser.findElement(By.cssSelector("tr[data-module='tenure.it.sample'] input[type=file]"))
                .sendKeys(jar.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("tr[data-module='tenure.it.sample'] button[value=update]")).click();
        waitFor(() -> text(By.cssSelector("[role=status]")).contains("Updated tenure.it.sample"), "the update");
        By samplePage = By.cssSelector("nav a[href='/console/sample']");
        waitFor(() -> !browser.findElements(samplePage).isEmpty(), "the sample's page in the navigation");
        browser.findElement(samplePage).click();
        // the update restarts the bundle: its page may come back a moment after its link, so ask again until it renders
        waitFor(() -> {
            if (browser.findElements(By.id("sample")).isEmpty()) {
                browser.get(tenure.url("/console/sample"));
            }
            return !browser.findElements(By.id("sample")).isEmpty();
        }, "the sample's page");
        assertTrue(text(By.id("sample")).contains("Sample page for admin"));

        browser.get(tenure.url("/console/modules"));
        browser.findElement(By.cssSelector("tr[data-module='tenure.it.sample'] button[value=uninstall]")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/modules/confirm"), "the confirmation page");
        String consequences = text(By.cssSelector(".consequences"));
        assertTrue(consequences.contains("console-page: /console/sample") && consequences.contains("rest: /api/v1/sample"),
                "it names what disappears: " + consequences);
        screenshot("modules-confirm-uninstall");
        browser.findElement(By.cssSelector("form[action='/console/modules/uninstall'] button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/modules?message="), "the uninstall");
        assertTrue(text(By.cssSelector("[role=status]")).contains("Uninstalled"), text(By.tagName("main")));
        assertTrue(browser.findElements(By.cssSelector("tr[data-module='tenure.it.sample']")).isEmpty(), "gone");
        waitFor(() -> browser.findElements(samplePage).isEmpty(), "its page gone from the navigation");
        browser.get(tenure.url("/console/sample"));
        assertTrue(text(By.tagName("main")).contains("There is no page"), text(By.tagName("main")));
    }

    private void toggle(String module, String action) {
        browser.findElement(By.cssSelector("form:has(input[name=id][value=" + module + "]) button[value=" + action + "]"))
                .click();
        if (action.equals("stop")) {
            waitFor(() -> browser.getCurrentUrl().contains("/console/modules/confirm"), "the confirmation page");
            String consequences = text(By.cssSelector(".consequences"));
            assertTrue(consequences.contains("io.tenure.api.console.ConsolePage"), "it names what disappears: " + consequences);
            screenshot("modules-confirm-stop-" + module);
            browser.findElement(By.cssSelector("form[action='/console/modules'] button[value=stop]")).click();
        }
        waitFor(() -> browser.getCurrentUrl().contains("/console/modules?message="), module + " " + action);
    }

    @Test
    @Order(11)
    void thePortfolioShowsRetentionWithBandsAndTrendCharts() {
        browser.get(tenure.url("/console/portfolio"));
        String main = text(By.tagName("main"));
        for (String figure : List.of("ARR NOW", "NRR", "GRR", "LOGO RETENTION", "Retention trend", "Benchmark bands")) {
            assertTrue(main.contains(figure), figure + " in " + main);
        }
        assertTrue(main.matches("(?s).*NRR\\s+\\d+\\.\\d%.*"), "NRR as a percentage: " + main);
        assertTrue(browser.findElements(By.cssSelector("svg.chart polyline")).size() >= 4, "trend lines drawn");
        screenshot("portfolio");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot("portfolio-phone");
            long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "no sideways scrolling at phone width: " + overflow + " px too wide");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(12)
    void accountsFilterByHealthAndOpenTheAccount360() {
        browser.get(tenure.url("/console/accounts"));
        assertTrue(text(By.tagName("caption")).startsWith("300 accounts"), text(By.tagName("caption")));
        browser.findElement(By.cssSelector("#f-health option[value=red]")).click();
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(() -> browser.getCurrentUrl().contains("health=red"), "the filter applied");
        List<String> badges = browser.findElements(By.cssSelector("tbody .badge")).stream().map(e -> e.getText()).toList();
        assertFalse(badges.isEmpty(), "the demo base has red accounts");
        assertTrue(badges.stream().allMatch("red"::equals), badges.toString());
        screenshot("accounts-red");
        browser.get(tenure.url("/console/accounts?offset=25"));
        assertTrue(text(By.cssSelector(".pager")).contains("page 2 of 12"), text(By.cssSelector(".pager")));
        browser.findElement(By.cssSelector("tbody a")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/account?id="), "on the account 360");
        String main = text(By.tagName("main"));
        for (String part : List.of("HEALTH", "Response:", "What moved it:", "Measures", "History", "Contacts", "Timeline",
                "NEXT RENEWAL")) {
            assertTrue(main.contains(part), part + " in " + main);
        }
        assertFalse(browser.findElements(By.cssSelector("main svg.chart polyline")).isEmpty(), "the health history chart");
        screenshot("account-360");
    }

    @Test
    @Order(13)
    void theTaskQueueListsOpenTasksByOwnerAndDueTime() {
        browser.get(tenure.url("/console/tasks"));
        assertTrue(text(By.tagName("main")).contains("Open tasks per owner"), text(By.tagName("main")));
        List<String> due = browser.findElements(By.cssSelector("table:last-of-type tbody time")).stream()
                .map(e -> e.getAttribute("datetime")).toList();
        assertFalse(due.isEmpty(), "the playbooks created tasks");
        assertEquals(due.stream().sorted().toList(), due, "earliest due first");
        screenshot("tasks");
    }

    @Test
    @Order(18)
    void theForecastShowsBucketsApartAndTheCalibration() {
        browser.get(tenure.url("/console/forecast"));
        String main = text(By.tagName("main"));
        for (String part : List.of("COMMITTED", "AT RISK", "WEIGHTED FORECAST", "By bucket", "Calibration")) {
            assertTrue(main.contains(part), part + " in " + main);
        }
        screenshot("forecast");
    }

    @Test
    @Order(14)
    void theJourneyAndTheTeamShowTheirNumbers() {
        browser.get(tenure.url("/console/journey"));
        String journey = text(By.tagName("main"));
        for (String part : List.of("Accounts by current stage", "Designed journey beside the actual one", "Widest gap")) {
            assertTrue(journey.contains(part), part + " in " + journey);
        }
        screenshot("journey");
        browser.get(tenure.url("/console/team"));
        String team = text(By.tagName("main"));
        assertTrue(team.contains("Coverage per CSM") && team.contains("Variable pay for"), team);
        assertFalse(browser.findElements(By.cssSelector("table tbody tr")).isEmpty());
        screenshot("team");
    }

    @Test
    @Order(15)
    void theBoardSlidePrintsOnOnePage() throws IOException {
        browser.get(tenure.url("/console/board"));
        String main = text(By.tagName("main"));
        for (String part : List.of("Customer retention", "NRR", "GRR", "LOGO RETENTION", "Churn and expansion",
                "Renewal forecast, next quarter", "At-risk ARR", "Top risks", "GRR by acquisition cohort")) {
            assertTrue(main.contains(part), part + " in " + main);
        }
        screenshot("board");
        browser.get(tenure.url("/console/board?period=" + currentQuarter()));
        assertTrue(text(By.tagName("main")).contains("Top risks next quarter"));
        screenshot("board-current-quarter");
        org.openqa.selenium.print.PrintOptions print = new org.openqa.selenium.print.PrintOptions();
        print.setOrientation(org.openqa.selenium.print.PrintOptions.Orientation.LANDSCAPE);
        byte[] pdf = java.util.Base64.getDecoder().decode(((org.openqa.selenium.PrintsPage) browser).print(print).getContent());
        Files.write(SCREENSHOTS.resolve("board.pdf"), pdf);
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(raw);
        int count = 0;
        while (pages.find()) {
            count++;
        }
        assertEquals(1, count, "the board slide prints on one page");
    }

    @Test
    @Order(16)
    void anAdminEditsAHealthWeightAndItTakesEffectAtOnce() {
        double before = usageContribution("acct-000001");
        browser.get(tenure.url("/console/settings"));
        browser.findElement(By.cssSelector("a[href='/console/settings?pid=io.tenure.health']")).click();
        WebElement usage = browser.findElement(By.id("s-usageWeight"));
        assertEquals("0.4", usage.getAttribute("value"), "the default shows");
        assertEquals("0", usage.getAttribute("min"), "the range from the metatype");
        assertEquals("1", usage.getAttribute("max"));
        assertTrue(text(By.cssSelector("label[for=s-usageWeight]")).equals("Usage weight"));
        usage.clear();
        usage.sendKeys("0.5");
        browser.findElement(By.cssSelector("button[value=save]")).click();
        waitFor(() -> browser.getCurrentUrl().contains("message="), "saved");
        assertTrue(text(By.cssSelector("[role=status]")).contains("Saved usageWeight"), text(By.tagName("main")));
        assertEquals("0.5", browser.findElement(By.id("s-usageWeight")).getAttribute("value"));
        screenshot("settings-health");
        assertTrue(tenure.get("/api/v1/settings/io.tenure.health", TenureProcess.admin()).body()
                .matches("(?s).*\"id\":\"usageWeight\".*?\"value\":0\\.5.*"), "stored through Config Admin");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (usageContribution("acct-000001") == before && System.nanoTime() < deadline) {
            TenureProcess.sleep(200);
        }
        assertTrue(usageContribution("acct-000001") > before, "the health score weighs usage more at once");

        // The server checks the value against the description too, whatever the browser lets through.
        String session = session("admin", TenureProcess.ADMIN_PASSWORD);
        HttpResponse<String> refused = consolePost("/console/settings", session, Map.of("csrf", csrfToken(session),
                "pid", "io.tenure.health", "action", "save", "a.usageWeight", "7"));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("usageWeight"), "the error names the setting: " + refused.body());
        String viewer = session(VIEWER, VIEWER_PASSWORD);
        assertEquals(403, consolePost("/console/settings", viewer, Map.of("csrf", csrfToken(viewer),
                "pid", "io.tenure.health", "action", "reset")).statusCode(), "a viewer cannot change settings");
    }

    @Test
    @Order(19)
    void theAuditLogNamesWhoChangedWhatAndWhatWasRefused() {
        browser.get(tenure.url("/console/audit"));
        String log = text(By.tagName("main"));
        for (String entry : List.of("console: stop enterprise", "console: start enterprise", "console: settings save",
                "io.tenure.health", "console: POST /modules", "403 refused")) {
            assertTrue(log.contains(entry), entry + " in " + log);
        }
        assertTrue(log.contains(VIEWER), "the viewer's refused toggle is there too");
        screenshot("audit");
        HttpResponse<String> asViewer = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url("/console/audit")))
                .header("Cookie", session(VIEWER, VIEWER_PASSWORD)).GET().build());
        assertEquals(403, asViewer.statusCode(), "the audit log is for admins");
    }

    @Test
    @Order(20)
    void cohortsShowRetentionByAgeAsAChartAndAMatrix() {
        browser.get(tenure.url("/console/cohorts"));
        assertTrue(text(By.cssSelector("table.matrix caption")).startsWith("GRR of every cohort"));
        assertTrue(browser.findElements(By.cssSelector("table.matrix tbody tr")).size() >= 8, "a row per quarterly cohort");
        assertTrue(browser.findElements(By.cssSelector("svg.chart polyline")).size() >= 2, "the latest cohorts charted");
        screenshot("cohorts");
        browser.get(tenure.url("/console/cohorts?by=year&ratio=nrr"));
        assertTrue(text(By.cssSelector("table.matrix caption")).startsWith("NRR of every cohort"));
    }

    @Test
    @Order(21)
    void anAdminManagesUsers() {
        browser.get(tenure.url("/console/users"));
        browser.findElement(By.id("new-name")).sendKeys("dan");
        browser.findElement(By.id("new-password")).sendKeys("x");
        browser.findElement(By.cssSelector("button[value=create]")).click();
        waitFor(() -> browser.getCurrentUrl().contains("message="), "answered");
        assertTrue(text(By.cssSelector("[role=status]")).startsWith("Refused:"), "a weak password is refused: "
                + text(By.cssSelector("[role=status]")));
        browser.findElement(By.id("new-name")).sendKeys("carl");
        browser.findElement(By.id("new-password")).sendKeys("csm-password-123");
        browser.findElement(By.xpath("//select[@id='new-role']/option[text()='csm']")).click();
        browser.findElement(By.cssSelector("button[value=create]")).click();
        waitFor(() -> text(By.cssSelector("[role=status]")).contains("Created carl"), "carl created");
        assertTrue(text(By.tagName("tbody")).contains("carl csm"), text(By.tagName("tbody")));
        browser.findElement(By.xpath("//select[@id='role-carl']/option[text()='viewer']")).click();
        browser.findElement(By.cssSelector("form:has(input[name=name][value=carl]) button[value=role]")).click();
        waitFor(() -> text(By.cssSelector("[role=status]")).contains("carl is now viewer"), "carl a viewer");
        screenshot("users");
        assertEquals(302, consoleLogin("carl", "csm-password-123").statusCode(), "carl can log in");
        browser.findElement(By.cssSelector("form:has(input[name=name][value=carl]) button[value=delete]")).click();
        waitFor(() -> text(By.cssSelector("[role=status]")).contains("Deleted carl"), "carl deleted");
        assertFalse(text(By.tagName("tbody")).contains("carl"));
        assertEquals(401, consoleLogin("carl", "csm-password-123").statusCode(), "carl can no longer log in");
    }

    @Test
    @Order(22)
    void anAdminImportsAccountsAndRecomputesHealthWithProgress() throws IOException {
        Path dir = Files.createTempDirectory("tenure-import");
        Path good = Files.writeString(dir.resolve("new-accounts.csv"), "account_id,name,vertical,segment,signed_date,owner\n"
                + "ops-001,Ops One,enterprise,enterprise,2024-01-15,ana\nops-002,Ops Two,enterprise,smb,2024-02-01,ana\n"
                + "ops-003,Ops Three,enterprise,mid_market,2024-03-01,ben\n");
        Path bad = Files.writeString(dir.resolve("bad-accounts.csv"), "account_id,name,vertical,segment,signed_date,owner\n"
                + "ops-004,Ops Four,enterprise,enterprise,not-a-date,ana\n");
        browser.get(tenure.url("/console/"));
        browser.findElement(By.cssSelector("nav a[href='/console/operations']")).click();
        waitFor(() -> !browser.findElements(By.id("import-file")).isEmpty(), "the operations page");

        importFile(good);
        waitFor(() -> text(By.cssSelector(".job-status")).equals("done"), "the import done");
        assertTrue(text(By.cssSelector(".job-message")).contains("Imported 3 rows of accounts"), text(By.cssSelector(".job")));
        assertEquals("1", browser.findElement(By.cssSelector(".job progress")).getAttribute("value"));
        waitFor(() -> text(By.cssSelector("tr[data-job-row] .job-row-status")).equals("done"), "the job list follows");
        screenshot("operations-import-done");
        assertEquals(200, tenure.get("/api/v1/accounts/ops-002", TenureProcess.admin()).statusCode(), "stored");

        browser.get(tenure.url("/console/operations"));
        importFile(bad);
        waitFor(() -> text(By.cssSelector(".job-status")).equals("failed"), "the import failed");
        String job = text(By.cssSelector(".job"));
        assertTrue(job.contains("nothing was stored") && job.contains("bad-accounts.csv line 2, column signed_date"), job);
        screenshot("operations-import-failed");
        assertEquals(404, tenure.get("/api/v1/accounts/ops-004", TenureProcess.admin()).statusCode(), "nothing stored");

        browser.get(tenure.url("/console/operations"));
        browser.findElement(By.cssSelector("form[action='/console/operations/recompute'] button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("job="), "the job page");
        waitFor(() -> text(By.cssSelector(".job-status")).equals("done"), "the recompute done");
        assertTrue(text(By.cssSelector(".job-message")).startsWith("Scored "), text(By.cssSelector(".job")));
        screenshot("operations-recompute-done");
        browser.get(tenure.url("/console/audit"));
        String log = text(By.tagName("main"));
        assertTrue(log.contains("console: import") && log.contains("console: recompute")
                && log.contains("console: upload bundle") && log.contains("console: uninstall bundle"), log);
    }

    private void importFile(Path csv) {
        browser.findElement(By.cssSelector("#import-entity option[value=accounts]")).click();
        browser.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action='/console/operations/import'] button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("job="), "the job page");
    }

    /** The points the usage measures add to an account's health score, from the REST API. */
    private double usageContribution(String account) {
        String body = tenure.get("/api/v1/accounts/" + account + "/health", TenureProcess.admin()).body();
        Matcher m = Pattern.compile("\"dimension\":\"usage\",\"score\":\\d+,\"detail\":\"[^\"]*\",\"contribution\":([0-9.]+)")
                .matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private void login(String user, String password) {
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("form[action='/console/login'] button[type=submit]")).click();
        waitFor(() -> stale(page), "the answer to the login");
    }

    private static boolean stale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        }
    }

    private void logout() {
        browser.findElement(By.cssSelector("form[action='/console/logout'] button")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/login"), "back on the login page");
    }

    private String text(By by) {
        return browser.findElement(by).getText();
    }

    /** Saves what the browser shows as target/screenshots/{name}.png (the whole page height). */
    void screenshot(String name) {
        try {
            long height = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollHeight");
            Dimension size = browser.manage().window().getSize();
            browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(6000, Math.max(900, height + 120))));
            Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            browser.manage().window().setSize(size);
        } catch (IOException e) {
            throw new IllegalStateException("could not save screenshot " + name, e);
        }
    }

    private void waitFor(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                // the page is changing under the condition: look again
            }
            TenureProcess.sleep(100);
        }
        fail("timed out waiting until " + what + "; at " + browser.getCurrentUrl());
    }

    private HttpResponse<String> consoleLogin(String user, String password) {
        return consolePost("/console/login", null, Map.of("user", user, "password", password));
    }

    /** Logs in over plain HTTP and returns the session cookie as {@code name=value}. */
    private String session(String user, String password) {
        HttpResponse<String> login = consoleLogin(user, password);
        assertEquals(302, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private String csrfToken(String session) {
        HttpResponse<String> page = tenure.send(HttpRequest.newBuilder(URI.create(tenure.url("/console/")))
                .header("Cookie", session).GET().build());
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(m.find(), "every page carries the CSRF token in its forms: " + page.body());
        return m.group(1);
    }

    /** A form POST from this server's own origin (so only the CSRF token and the role decide). */
    private HttpResponse<String> consolePost(String path, String session, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tenure.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + tenure.port)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (session != null) {
            request.header("Cookie", session);
        }
        return tenure.send(request.build());
    }

    /** A multipart form POST from this server's own origin: fields, then one file. */
    private HttpResponse<String> consoleUpload(String path, String session, Map<String, String> fields, String fileField,
            String fileName, byte[] content) {
        String boundary = "tenure-it-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return tenure.send(HttpRequest.newBuilder(URI.create(tenure.url(path))).timeout(java.time.Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", "http://127.0.0.1:" + tenure.port).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static byte[] sampleJar() {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("tenure.sample.bundle")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String currentQuarter() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    private String moduleState(String id) {
        return tenure.get("/api/v1/modules/" + id, TenureProcess.admin()).body();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
