package io.tenure.vertical.enterprise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tenure.api.account.Contact;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;

/** The paying enterprise accounts as of a day, each with its relationship facts; largest ARR first. */
final class EnterpriseBook {
    /** One paying enterprise account. */
    record Row(AccountHistory history, Money arr, Optional<Contact> sponsor, int threads, Optional<LocalDate> lastQbr) {
    }

    private EnterpriseBook() {
    }

    static List<Row> rows(AccountHistories histories, Enterprise.Config c, LocalDate asOf) {
        List<Row> rows = new ArrayList<>();
        for (AccountHistory h : histories.all(asOf, asOf).values()) {
            if (!Stakeholders.enterprise(h.account()) || h.arr().isEmpty()) {
                continue;
            }
            rows.add(new Row(h, h.arr().get(), Stakeholders.sponsor(h.contacts(), asOf),
                    Stakeholders.threads(h, c.lookbackDays()).size(), Stakeholders.lastQbr(h)));
        }
        rows.sort(Comparator.comparing((Row r) -> r.arr().minorUnits()).reversed());
        return rows;
    }
}
