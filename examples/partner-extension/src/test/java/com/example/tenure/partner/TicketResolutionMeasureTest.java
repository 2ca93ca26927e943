package com.example.tenure.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.TicketSeverity;
import io.tenure.api.health.AccountHistory;

/** The partner measure at its boundaries, tested with nothing but the API jar. */
class TicketResolutionMeasureTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    private static final Account ACCOUNT = new Account("a", "A", Vertical.PLG, Optional.empty(), Optional.empty(),
            Optional.empty(), LocalDate.of(2024, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty());

    private static AccountHistory history(List<SupportTicket> tickets) {
        return new AccountHistory(ACCOUNT, AS_OF, List.of(), List.of(), List.of(), tickets, List.of(), List.of(), List.of());
    }

    private static List<SupportTicket> tickets(int inTime, int late) {
        List<SupportTicket> out = new ArrayList<>();
        Instant opened = Instant.parse("2026-05-01T09:00:00Z");
        for (int i = 0; i < inTime + late; i++) {
            Instant resolved = opened.plus(i < inTime ? TicketResolutionMeasure.IN_TIME : TicketResolutionMeasure.IN_TIME.plusSeconds(1));
            out.add(new SupportTicket("a", "t" + i, opened, Optional.of(resolved), TicketSeverity.values()[0], Optional.empty(),
                    Optional.empty()));
        }
        return out;
    }

    @Test
    void ninetyPercentInTimeIsFullMarksAndHalfIsNothing() {
        TicketResolutionMeasure m = new TicketResolutionMeasure();
        assertEquals(100.0, m.score(history(tickets(9, 1))).orElseThrow().score(), 1e-9);
        assertEquals(0.0, m.score(history(tickets(5, 5))).orElseThrow().score(), 1e-9);
        assertEquals(50.0, m.score(history(tickets(7, 3))).orElseThrow().score(), 1e-9, "70% is halfway");
        assertTrue(m.score(history(List.of())).isEmpty(), "no tickets, no score");
    }
}
