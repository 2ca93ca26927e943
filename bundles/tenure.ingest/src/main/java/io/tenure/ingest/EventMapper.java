package io.tenure.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.Seniority;
import io.tenure.api.ingest.IngestEvent;
import io.tenure.api.ingest.IngestEvent.Effect;

/**
 * Turns received events into what they change: a group call makes its user a member of the account (the group id,
 * or a configured group trait); track, page and screen calls count as usage of a feature (the event name, or a
 * configured property; pages as {@code page:<name>}) by the account named in the event (a configured path, by
 * default {@code context.groupId}) or else the user's latest group; identify calls create or update the user's
 * contact; alias calls carry the previous id's account over. An event whose account cannot be found is still handed
 * on, with the reason, to be held.
 */
final class EventMapper {
    static final int MAX_ACCOUNT_ID = 100;
    static final int MAX_CONTACT_ID = 100;
    static final int MAX_FEATURE = 200;

    private final Settings settings;

    EventMapper(Settings settings) {
        this.settings = settings;
    }

    /**
     * What mapping needs of an event, read once when it is received (so the drain does not parse it again); empty text
     * for what the event does not say.
     *
     * @param account the account the event names: a group call's group (or configured trait), another call's value at
     *        the configured account path
     * @param feature for track, page and screen calls: the feature they count as
     * @param epochDay the UTC day of its timestamp, or -1 without one
     */
    record Fields(String userId, String anonymousId, String account, String feature, String previousId, int epochDay) {
    }

    /** Reads {@link Fields} from a received event under this mapper's configuration. */
    Fields fields(EventType type, JsonView json) {
        String account = switch (type) {
            case GROUP -> (settings.groupAccountTrait().isEmpty() ? Optional.<String>empty()
                    : json.object("traits").flatMap(t -> id(t, settings.groupAccountTrait()))).or(() -> id(json, "groupId")).orElse("");
            case ALIAS -> "";
            default -> at(json, settings.accountPath()).orElse("");
        };
        String feature = switch (type) {
            case TRACK, PAGE, SCREEN -> feature(type, json);
            default -> "";
        };
        int day = json.string("timestamp").flatMap(EventParser::epochDay).orElse(-1);
        return new Fields(id(json, "userId").orElse(""), id(json, "anonymousId").orElse(""), account, feature,
                type == EventType.ALIAS ? id(json, "previousId").orElse("") : "", day);
    }

    /** An event read back from the log (or from the held events), with its JSON parsed only when needed. */
    static final class Received {
        final String sourceId;
        final Instant receivedAt;
        final EventType type;
        final String messageId;
        final Fields fields;
        final String raw;
        private JsonObject json;

        Received(String sourceId, Instant receivedAt, EventType type, String messageId, Fields fields, String raw) {
            this.sourceId = sourceId;
            this.receivedAt = receivedAt;
            this.type = type;
            this.messageId = messageId;
            this.fields = fields;
            this.raw = raw;
        }

        static Received of(String sourceId, Instant receivedAt, LogRecord.Event e) {
            return new Received(sourceId, receivedAt, e.type(), e.messageId(), e.fields(), new String(e.json(), StandardCharsets.UTF_8));
        }

        JsonObject json() {
            if (json == null) {
                json = JsonParser.parseString(raw).getAsJsonObject();
            }
            return json;
        }

        Optional<String> user() {
            return text(fields.userId()).or(() -> text(fields.anonymousId()));
        }
    }

    /** A held event, read again with the configuration now in force. */
    Received held(String sourceId, Instant receivedAt, String messageId, String raw) {
        JsonView json;
        try {
            json = JsonView.read(raw.getBytes(StandardCharsets.UTF_8));
        } catch (JsonView.Invalid strict) {
            // held by an earlier version, whose parser took lenient JSON ('single quotes', bare names): read it as that
            // parser did and go on with its strict form
            try {
                json = JsonView.read(new com.google.gson.Gson().toJson(JsonParser.parseString(raw)).getBytes(StandardCharsets.UTF_8));
            } catch (JsonView.Invalid | RuntimeException e) {
                throw new IllegalStateException("a held event is not JSON: " + strict.getMessage(), e);
            }
        }
        EventType type = json.string("type").flatMap(EventType::of).orElse(EventType.TRACK);
        return new Received(sourceId, receivedAt, type, messageId, fields(type, json), raw);
    }

    private static Optional<String> text(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Where the store's current contacts come from (for updates that keep what identify does not say). */
    interface Contacts {
        Optional<Contact> get(String accountId, String contactId);
    }

    /**
     * Maps events in the order they were received; group and alias calls count for the events after them.
     *
     * @param members the accounts of users as the store knows them, asked once for all users the batch needs
     */
    List<IngestEvent> map(List<Received> events, Function<Collection<String>, Map<String, String>> members, Contacts contacts) {
        Set<String> lookup = new HashSet<>();
        for (Received r : events) {
            if (r.type == EventType.ALIAS) {
                text(r.fields.previousId()).ifPresent(lookup::add);
            } else if (r.type != EventType.GROUP && r.fields.account().isEmpty()) {
                r.user().ifPresent(lookup::add);
            }
        }
        Map<String, String> accounts = new HashMap<>(lookup.isEmpty() ? Map.of() : members.apply(lookup));
        Map<List<String>, Contact> identified = new HashMap<>();
        List<IngestEvent> mapped = new ArrayList<>(events.size());
        for (Received r : events) {
            mapped.add(map(r, accounts, identified, contacts));
        }
        return mapped;
    }

    private IngestEvent map(Received r, Map<String, String> accounts, Map<List<String>, Contact> identified, Contacts contacts) {
        Optional<String> user = r.user();
        LocalDate day = r.fields.epochDay() >= 0 ? LocalDate.ofEpochDay(r.fields.epochDay())
                : r.receivedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        Optional<String> account;
        String unmapped;
        Effect effect;
        Optional<String> feature = Optional.empty();
        Optional<Contact> contact = Optional.empty();
        Optional<String> member = user;
        switch (r.type) {
            case GROUP -> {
                effect = Effect.MEMBERSHIP;
                account = valid(text(r.fields.account()));
                unmapped = "the group call names no account";
                account.ifPresent(a -> accounts.put(user.orElseThrow(), a));
            }
            case ALIAS -> {
                effect = Effect.MEMBERSHIP;
                String previous = r.fields.previousId();
                member = text(r.fields.userId());
                account = Optional.ofNullable(accounts.get(previous));
                account.ifPresent(a -> accounts.put(r.fields.userId(), a));
                unmapped = "the alias of '" + previous + "' names no account: '" + previous + "' is in no group";
            }
            default -> {
                account = valid(text(r.fields.account())).or(() -> user.map(accounts::get));
                unmapped = "user '" + user.orElse("") + "' is in no group: send a group call first"
                        + (settings.accountPath().isEmpty() ? "" : ", or name the account in " + String.join(".", settings.accountPath()));
                if (r.type == EventType.IDENTIFY) {
                    effect = Effect.CONTACT;
                    if (account.isPresent() && user.orElseThrow().length() > MAX_CONTACT_ID) {
                        unmapped = "user id '" + EventParser.abbreviate(user.get()) + "' is longer than the "
                                + MAX_CONTACT_ID + " characters a contact id may be";
                        account = Optional.empty();
                    }
                    if (account.isPresent()) {
                        contact = Optional.of(contact(r, account.get(), user.orElseThrow(), day, identified, contacts));
                    }
                } else {
                    effect = Effect.USAGE;
                    feature = Optional.of(r.fields.feature());
                }
            }
        }
        return new IngestEvent(r.sourceId, r.messageId, r.receivedAt, effect, account, member, day, feature, contact,
                account.isPresent() ? Optional.empty() : Optional.of(unmapped), r.raw);
    }

    /** The identifier at a path of nested objects ({@code context.groupId}), if the event has one there. */
    private static Optional<String> at(JsonView json, List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        JsonView at = json;
        for (int i = 0; i < path.size() - 1; i++) {
            Optional<JsonView> inner = at.object(path.get(i));
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            at = inner.get();
        }
        return id(at, path.get(path.size() - 1));
    }

    /** An account id the store can hold; longer ones are never an account. */
    private static Optional<String> valid(Optional<String> account) {
        return account.filter(a -> a.length() <= MAX_ACCOUNT_ID);
    }

    private String feature(EventType type, JsonView json) {
        String name = switch (type) {
            case TRACK -> at(json, settings.featurePath()).orElseGet(() -> json.string("event").orElse(""));
            case PAGE -> "page" + json.string("name").map(n -> ":" + n).orElse("");
            case SCREEN -> "screen" + json.string("name").map(n -> ":" + n).orElse("");
            default -> throw new IllegalStateException(type + " is not usage");
        };
        if (name.equals(io.tenure.api.engagement.UsageRollup.ALL_FEATURES)) {
            return "track:" + name; // "*" holds the account's daily totals
        }
        return name.length() <= MAX_FEATURE ? name : name.substring(0, MAX_FEATURE);
    }

    private Contact contact(Received r, String account, String id, LocalDate day, Map<List<String>, Contact> identified,
            Contacts contacts) {
        List<String> key = List.of(account, id);
        Optional<Contact> before = Optional.ofNullable(identified.get(key)).or(() -> contacts.get(account, id));
        JsonObject traits = object(r.json(), "traits").or(() -> object(object(r.json(), "context").orElse(new JsonObject()), "traits"))
                .orElse(new JsonObject());
        Optional<String> email = text(traits, "email").filter(e -> e.length() <= 320).or(() -> before.flatMap(Contact::email));
        String first = text(traits, "firstName").orElse("");
        String last = text(traits, "lastName").orElse("");
        String name = text(traits, "name").or(() -> Optional.of((first + " " + last).strip()).filter(n -> !n.isEmpty()))
                .or(() -> before.map(Contact::name)).or(() -> email).orElse(id);
        ContactRole role = text(traits, settings.roleTrait()).flatMap(t -> code(ContactRole.class, t))
                .or(() -> before.map(Contact::role)).orElse(ContactRole.USER);
        Seniority seniority = text(traits, "seniority").flatMap(t -> code(Seniority.class, t))
                .or(() -> before.map(Contact::seniority)).orElse(Seniority.INDIVIDUAL);
        Contact contact = new Contact(account, id, name.length() <= 200 ? name : name.substring(0, 200), email, role, seniority,
                before.map(Contact::engaged).orElse(false), before.flatMap(Contact::lastContact),
                before.flatMap(Contact::joined).or(() -> Optional.of(day)), before.flatMap(Contact::left));
        identified.put(key, contact);
        return contact;
    }

    private static <E extends Enum<E>> Optional<E> code(Class<E> type, String text) {
        try {
            return Optional.of(io.tenure.api.data.Codes.parse(type, "code", text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonObject> object(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonObject() ? Optional.of(v.getAsJsonObject()) : Optional.empty();
    }

    private static Optional<String> text(JsonObject o, String field) {
        return EventParser.text(o, field).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A string or number member as text, if present and not blank. */
    static Optional<String> id(JsonView o, String field) {
        return o.scalarText(field).filter(s -> !s.isBlank());
    }
}
