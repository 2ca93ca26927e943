package io.tenure.vertical.enterprise;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.Seniority;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.health.AccountHistory;

/** What the enterprise vertical reads from an account's relationships: threads, sponsors and QBRs. */
final class Stakeholders {
    private Stakeholders() {
    }

    static boolean enterprise(Account account) {
        return account.vertical() == Vertical.ENTERPRISE;
    }

    /** Contacts in meaningful conversation over the last {@code days} days. */
    static Set<String> threads(AccountHistory h, int days) {
        Set<String> ids = new TreeSet<>();
        for (Interaction i : h.interactions()) {
            if (i.meaningful() && h.inLast(i.date(), days)) {
                i.contactId().ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** Contacts still at the account on {@code day}. */
    static List<Contact> current(List<Contact> contacts, LocalDate day) {
        return contacts.stream().filter(c -> c.left().filter(l -> !l.isAfter(day)).isEmpty())
                .filter(c -> c.joined().filter(j -> j.isAfter(day)).isEmpty()).toList();
    }

    /** The engaged executive sponsor still at the account, the most senior if several. */
    static Optional<Contact> sponsor(List<Contact> contacts, LocalDate day) {
        return current(contacts, day).stream().filter(c -> c.role() == ContactRole.EXECUTIVE_SPONSOR && c.engaged())
                .max(Comparator.comparing(Contact::seniority));
    }

    /** The most senior engaged contact still at the account. */
    static Optional<Seniority> seniority(List<Contact> contacts, LocalDate day) {
        return current(contacts, day).stream().filter(Contact::engaged).map(Contact::seniority).max(Comparator.naturalOrder());
    }

    /** The day of the latest QBR before {@link AccountHistory#asOf()}. */
    static Optional<LocalDate> lastQbr(AccountHistory h) {
        return h.interactions().stream().filter(i -> i.kind() == InteractionKind.QBR && i.date().isBefore(h.asOf()))
                .map(Interaction::date).max(Comparator.naturalOrder());
    }
}
