package io.tenure.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.money.Money;

/** The console's HTML pieces: escaping, CSRF tokens on POST forms, charts, figures. */
class ConsoleHtmlTest {
    private static final String EVIL = "<script>alert('x')</script>\"&";

    @Test
    void everyPostFormGetsTheTokenOnce() {
        String body = "<form method=\"post\" action=\"/console/settings\"><input name=\"pid\"></form>"
                + "<form method=\"post\" action=\"/console/modules\"><input type=\"hidden\" name=\"csrf\" value=\"t\"></form>"
                + "<form method=\"get\" action=\"/console/accounts\"></form>";
        String out = ConsoleServlet.withCsrfToken(body, "tok\"en");
        assertEquals(2, out.split("name=\"csrf\"", -1).length - 1, out);
        assertTrue(out.contains("<form method=\"post\" action=\"/console/settings\"><input type=\"hidden\" name=\"csrf\""
                + " value=\"tok&quot;en\">"), out);
        assertFalse(out.contains("/console/accounts\"><input type=\"hidden\""), "GET forms carry no token: " + out);
    }

    @Test
    void chartsEscapeEveryLabelAndUseNoInlineStyle() {
        String svg = Svg.lines(EVIL, List.of(EVIL, "b"), List.of(new Svg.Series(EVIL, "s1", Arrays.asList(1.0, null))),
                List.of(new Svg.Rule(EVIL, 0.5)), v -> EVIL, 200);
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("style="), "the CSP allows no inline styles: " + svg);
        assertTrue(svg.contains("role=\"img\"") && svg.contains("<title"), "labelled for screen readers");
        String bars = Svg.bars(EVIL, List.of(EVIL), List.of(3.0), List.of("committed"), v -> EVIL);
        assertFalse(bars.contains("<script"), bars);
        assertTrue(Svg.lines("t", List.of("a"), List.of(new Svg.Series("s", "s1", Arrays.asList((Double) null))), List.of(),
                v -> "", 100).contains("No values to chart"), "an empty chart says so");
    }

    @Test
    void uiPiecesEscapeWhatTheyShow() {
        for (String html : List.of(Ui.kpi(EVIL, EVIL, EVIL, EVIL), Ui.empty(EVIL), Ui.error(EVIL),
                Ui.select(EVIL, EVIL, List.of(EVIL), EVIL), Ui.input(EVIL, EVIL, EVIL, EVIL), Ui.status(EVIL),
                Ui.accountLink(EVIL, EVIL))) {
            assertFalse(html.contains("<script") || html.contains("'x'"), html);
        }
    }

    @Test
    void figuresReadLikeAFinanceTeamWritesThem() {
        assertEquals("$24.5M", Fmt.money(Optional.of(new BigDecimal("24493172.00")), "USD"));
        assertEquals("$310K", Fmt.money(Optional.of(new BigDecimal("310400")), "USD"));
        assertEquals("$950", Fmt.money(Optional.of(new BigDecimal("950")), "USD"));
        assertEquals("-$1.2M", Fmt.money(Money.parse("-1200000", "USD")));
        assertEquals("101.6%", Fmt.percent(Optional.of(new BigDecimal("1.015699"))));
        assertEquals("-8.4 pts", Fmt.points(Optional.of(new BigDecimal("-0.084301"))));
        assertEquals("—", Fmt.percent(Optional.empty()));
    }

    @Test
    void plainTurnsRecordsOptionalsMoneyAndEnumsIntoJsonShapes() {
        record Inner(Optional<String> note, Money arr, java.time.LocalDate day) {
        }
        Object plain = Plain.of(Map.of("inner", new Inner(Optional.empty(), Money.parse("12.5", "EUR"),
                java.time.LocalDate.of(2026, 1, 31)), "flag", true, "kind", java.time.DayOfWeek.MONDAY));
        assertEquals("12.50", Plain.text(plain, "inner", "arr"));
        assertEquals("2026-01-31", Plain.text(plain, "inner", "day"));
        assertEquals(null, Plain.at(plain, "inner", "note"));
        assertEquals(Boolean.TRUE, Plain.at(plain, "flag"));
        assertEquals("monday", Plain.text(plain, "kind"));
        assertEquals(new BigDecimal("12.50"), Plain.number(plain, "inner", "arr").orElseThrow());
    }

    @Test
    void settingsShowNumbersAsWritten() {
        assertEquals("0.4", SettingsPage.shown(Map.of("value", 0.4f, "multiple", false)));
        assertEquals("70", SettingsPage.shown(Map.of("default", List.of("70"), "multiple", false)));
        assertEquals("a\nb", SettingsPage.shown(Map.of("value", List.of("a", "b"), "multiple", true)));
    }
}
