package io.tenure.faulty;

import java.time.LocalDate;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.DemoContribution;
import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;

/** An entity contribution with one good and one bad entity, and a demo contribution that throws. */
public final class FaultyData {
    private FaultyData() {
    }

    /** A note on an account, keyed by its id. */
    public record Event(String accountId, String id, LocalDate date) {
        static final EntityType<Event> TYPE = EntityType.builder("faulty_events", Event.class, "events of the faulty bundle")
                .accountId(Event::accountId)
                .id("event_id", "the event", Event::id)
                .date("date", true, "the day", Event::date)
                .build(r -> new Event(r.text("account_id"), r.text("event_id"), r.date("date")));
    }

    /** Not keyed beyond the account: refused by the store. */
    public record Note(String accountId, String text) {
        static final EntityType<Note> TYPE = EntityType.builder("faulty_notes", Note.class, "notes without a key")
                .accountId(Note::accountId)
                .text("text", true, 100, "the note", Note::text)
                .build(r -> new Note(r.text("account_id"), r.text("text")));
    }

    /** Both entities. */
    @Component(service = EntityContribution.class)
    public static class Entities implements EntityContribution {
        @Override
        public List<EntityType<?>> types() {
            return List.of(Note.TYPE, Event.TYPE);
        }
    }

    /** Demo data that cannot be made. */
    @Component(service = DemoContribution.class)
    public static class Demo implements DemoContribution {
        @Override
        public String name() {
            return "faulty demo";
        }

        @Override
        public boolean present(DataStore store) {
            return false;
        }

        @Override
        public long contribute(DataStore store, List<Account> accounts, LocalDate asOf, long seed) throws DataException {
            throw new DataException("faulty demo data has no generator");
        }
    }
}
