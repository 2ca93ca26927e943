package io.tenure.vertical.haas;

import static io.tenure.vertical.haas.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.testkit.MemoryDataStore;

/** The fleet page: chart, RMA list and open events, everything from data escaped; a clear empty state. */
class PageTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void thePageEscapesWhatComesFromData() {
        MemoryDataStore store = new MemoryDataStore();
        store.put(Account.TYPE, List.of(new Account("a", "<script>alert(1)</script> & Co", Vertical.HAAS,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), TODAY.minusYears(1),
                JourneyStage.ADOPTION, java.util.Optional.empty(), java.util.Optional.empty())));
        List<DeviceDay> days = new ArrayList<>(Fixtures.days("a", "d<1>", TODAY, 10));
        days.add(new DeviceDay("a", "d<1>", TODAY.minusDays(11), 100, 4));
        days.set(0, new DeviceDay("a", "d<1>", TODAY.minusDays(1), 1300, 3));
        Fleet fleet = Fixtures.fleet(List.of(device("a", "d<1>", TODAY.minusYears(1))), days,
                List.of(Fixtures.event("a", "e\"1", "d<1>", ServiceKind.LOGISTICS, TODAY.minusDays(8), null)));
        String html = new FleetPage(Fixtures.index(fleet), Fixtures.haas(), store, CLOCK).render(null, Map.of());
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("d<1>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), html);
        assertTrue(html.contains("<svg class=\"chart\" id=\"fleet-uptime\""), "the uptime chart");
        assertTrue(html.contains("<rect class=\"bar s5\""), "below the floor: red");
        assertTrue(html.contains("<table id=\"fleet-rma\">") && html.contains("<td>d&lt;1&gt;</td>"), "3 faults: an RMA");
        assertTrue(html.contains("<td>e&quot;1</td><td>logistics</td>") && html.contains("<td class=\"num\">8</td>"), html);
    }

    @Test
    void withoutAFleetThePageSaysWhatToDo() {
        FleetPage page = new FleetPage(Fixtures.index(Fleet.EMPTY), Fixtures.haas(), new MemoryDataStore(), CLOCK);
        assertEquals("fleet", page.path());
        String html = page.render(null, Map.of());
        assertTrue(html.contains("<p class=\"empty\">No device fleet is recorded yet."), html);
        assertFalse(html.contains("<svg"));
    }
}
