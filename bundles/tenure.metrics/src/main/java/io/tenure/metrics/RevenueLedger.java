package io.tenure.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;

/**
 * The ARR movement ledger with the accounts it belongs to, held column by column (one array per field, sorted by
 * date) so a period metric is a single pass over primitive arrays.
 */
public final class RevenueLedger {
    private static final MovementType[] TYPES = MovementType.values();
    private static final MovementKind[] KINDS = MovementKind.values();
    private static final MovementSource[] SOURCES = MovementSource.values();

    final String currency;
    final List<Account> accounts;
    final int[] account;
    final int[] day;
    final byte[] type;
    final byte[] kind; // -1 when none
    final byte[] source;
    final long[] amount;

    private RevenueLedger(String currency, List<Account> accounts, int[] account, int[] day, byte[] type, byte[] kind,
            byte[] source, long[] amount) {
        this.currency = currency;
        this.accounts = accounts;
        this.account = account;
        this.day = day;
        this.type = type;
        this.kind = kind;
        this.source = source;
        this.amount = amount;
    }

    /** Reads every account and movement of the store. @throws IllegalStateException if movements mix currencies */
    public static RevenueLedger load(DataStore store) {
        List<Account> accounts = new ArrayList<>();
        store.repository(Account.TYPE).forEach(Query.all(), accounts::add);
        List<ArrMovement> movements = new ArrayList<>();
        store.repository(ArrMovement.TYPE).forEach(Query.all(), movements::add);
        return of(accounts, movements);
    }

    public static RevenueLedger of(List<Account> accounts, List<ArrMovement> movements) {
        Map<String, Integer> index = new HashMap<>();
        List<Account> known = new ArrayList<>(accounts);
        for (int i = 0; i < known.size(); i++) {
            index.put(known.get(i).id(), i);
        }
        TreeSet<String> currencies = new TreeSet<>();
        List<ArrMovement> sorted = new ArrayList<>(movements);
        sorted.sort(java.util.Comparator.comparing(ArrMovement::date));
        int n = sorted.size();
        int[] account = new int[n];
        int[] day = new int[n];
        byte[] type = new byte[n];
        byte[] kind = new byte[n];
        byte[] source = new byte[n];
        long[] amount = new long[n];
        for (int i = 0; i < n; i++) {
            ArrMovement m = sorted.get(i);
            Integer a = index.get(m.accountId());
            if (a == null) {
                throw new IllegalStateException("movement " + m.id() + " belongs to account " + m.accountId()
                        + ", which does not exist");
            }
            account[i] = a;
            day[i] = (int) m.date().toEpochDay();
            type[i] = (byte) m.type().ordinal();
            kind[i] = (byte) m.kind().map(Enum::ordinal).orElse(-1).intValue();
            source[i] = (byte) m.source().ordinal();
            amount[i] = m.amount().minorUnits();
            currencies.add(m.amount().currency().getCurrencyCode());
        }
        if (currencies.size() > 1) {
            throw new IllegalStateException("the movement ledger mixes currencies " + currencies
                    + "; revenue metrics need one reporting currency");
        }
        return new RevenueLedger(currencies.isEmpty() ? "USD" : currencies.first(), List.copyOf(known), account, day, type,
                kind, source, amount);
    }

    /**
     * The ledger with the given accounts' records replaced: their account record (empty = deleted) and all their
     * movements. Untouched rows keep their order; the result is what a full load would give.
     */
    public RevenueLedger patched(Map<String, Optional<Account>> changedAccounts, Map<String, List<ArrMovement>> changedMovements) {
        Map<String, Integer> index = new HashMap<>();
        List<Account> list = new ArrayList<>(accounts);
        for (int a = 0; a < list.size(); a++) {
            index.put(list.get(a).id(), a);
        }
        for (Map.Entry<String, Optional<Account>> e : changedAccounts.entrySet()) {
            Integer at = index.get(e.getKey());
            if (e.getValue().isPresent()) {
                if (at == null) {
                    index.put(e.getKey(), list.size());
                    list.add(e.getValue().get());
                } else {
                    list.set(at, e.getValue().get());
                }
            }
        }
        java.util.Set<Integer> touched = new java.util.HashSet<>();
        for (String id : changedMovements.keySet()) {
            Integer at = index.get(id);
            if (at != null) {
                touched.add(at);
            }
        }
        List<ArrMovement> added = new ArrayList<>();
        for (Map.Entry<String, List<ArrMovement>> e : changedMovements.entrySet()) {
            if (index.containsKey(e.getKey())) {
                added.addAll(e.getValue());
            } else if (!e.getValue().isEmpty()) {
                throw new IllegalStateException("movements of account " + e.getKey() + ", which does not exist");
            }
        }
        added.sort(java.util.Comparator.comparing(ArrMovement::date));
        TreeSet<String> currencies = new TreeSet<>();
        if (size() > 0) {
            currencies.add(currency);
        }
        int kept = 0;
        for (int i = 0; i < size(); i++) {
            if (!touched.contains(account[i])) {
                kept++;
            }
        }
        int n = kept + added.size();
        int[] acc = new int[n];
        int[] dy = new int[n];
        byte[] ty = new byte[n];
        byte[] ki = new byte[n];
        byte[] so = new byte[n];
        long[] am = new long[n];
        int i = 0;
        int j = 0;
        for (int out = 0; out < n; out++) {
            while (i < size() && touched.contains(account[i])) {
                i++;
            }
            boolean takeOld = i < size() && (j >= added.size() || day[i] <= added.get(j).date().toEpochDay());
            if (takeOld) {
                acc[out] = account[i];
                dy[out] = day[i];
                ty[out] = type[i];
                ki[out] = kind[i];
                so[out] = source[i];
                am[out] = amount[i];
                i++;
            } else {
                ArrMovement m = added.get(j++);
                acc[out] = index.get(m.accountId());
                dy[out] = (int) m.date().toEpochDay();
                ty[out] = (byte) m.type().ordinal();
                ki[out] = (byte) m.kind().map(Enum::ordinal).orElse(-1).intValue();
                so[out] = (byte) m.source().ordinal();
                am[out] = m.amount().minorUnits();
                currencies.add(m.amount().currency().getCurrencyCode());
            }
        }
        if (currencies.size() > 1) {
            throw new IllegalStateException("the movement ledger mixes currencies " + currencies
                    + "; revenue metrics need one reporting currency");
        }
        return new RevenueLedger(currencies.isEmpty() ? "USD" : currencies.first(), List.copyOf(list), acc, dy, ty, ki, so, am);
    }

    public int size() {
        return amount.length;
    }

    /** The effect of movement {@code i} on ARR, in minor units: negative for contraction and churn. */
    long signed(int i) {
        MovementType t = type(i);
        return t == MovementType.CONTRACTION || t == MovementType.CHURN ? -amount[i] : amount[i];
    }

    MovementType type(int i) {
        return TYPES[type[i]];
    }

    Optional<MovementKind> kind(int i) {
        return kind[i] < 0 ? Optional.empty() : Optional.of(KINDS[kind[i]]);
    }

    MovementSource source(int i) {
        return SOURCES[source[i]];
    }

    static int epochDay(LocalDate date) {
        return (int) date.toEpochDay();
    }
}
