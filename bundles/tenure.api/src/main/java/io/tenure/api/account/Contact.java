package io.tenure.api.account;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A person at an account.
 *
 * @param accountId the account
 * @param id the contact's identifier within the account
 * @param name full name
 * @param email e-mail address, if known
 * @param role the part they play
 * @param seniority how senior they are
 * @param engaged whether they are actively engaged with the vendor
 * @param lastContact the last meaningful contact with them
 * @param joined when they joined the account's side of the relationship
 * @param left when they left the company or the relationship; present means gone
 */
public record Contact(String accountId, String id, String name, Optional<String> email, ContactRole role,
        Seniority seniority, boolean engaged, Optional<LocalDate> lastContact, Optional<LocalDate> joined,
        Optional<LocalDate> left) {

    public static final EntityType<Contact> TYPE = EntityType.builder("contacts", Contact.class,
            "people at the account: champions, sponsors, budget holders, users")
            .accountId(Contact::accountId)
            .id("contact_id", "the contact's identifier within the account", Contact::id)
            .text("name", true, 200, "full name", Contact::name)
            .text("email", false, 320, "e-mail address", Contact::email)
            .code("role", true, ContactRole.class, "champion, executive_sponsor, budget_holder, user or skeptic", Contact::role)
            .code("seniority", false, Seniority.class, "individual, manager, director, vp or c_level (default individual)",
                    Contact::seniority)
            .bool("engaged", "actively engaged (default false)", Contact::engaged)
            .date("last_contact", false, "date of the last meaningful contact", Contact::lastContact)
            .date("joined", false, "date they joined the relationship", Contact::joined)
            .date("left", false, "date they left; empty while they are there", Contact::left)
            .build(r -> new Contact(r.text("account_id"), r.text("contact_id"), r.text("name"), r.optionalText("email"),
                    r.code("role", ContactRole.class),
                    r.optionalCode("seniority", Seniority.class).orElse(Seniority.INDIVIDUAL), r.bool("engaged", false),
                    r.optionalDate("last_contact"), r.optionalDate("joined"), r.optionalDate("left")));

    public Contact {
        Require.text(accountId, "account_id");
        Require.text(id, "contact_id");
        Require.text(name, "name");
        Require.optional(email, "email");
        Require.present(role, "role");
        Require.present(seniority, "seniority");
        Require.optional(lastContact, "last_contact");
        Require.optional(joined, "joined");
        Require.optional(left, "left");
        if (joined.isPresent() && left.isPresent() && left.get().isBefore(joined.get())) {
            throw new IllegalArgumentException("left " + left.get() + " is before joined " + joined.get());
        }
    }

    /** Whether the contact is still at the account on {@code date}. */
    public boolean presentOn(LocalDate date) {
        return joined.map(j -> !j.isAfter(date)).orElse(true) && left.map(l -> l.isAfter(date)).orElse(true);
    }
}
