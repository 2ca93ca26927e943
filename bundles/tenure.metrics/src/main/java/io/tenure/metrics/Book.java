package io.tenure.metrics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;


/** Each account's ARR on a day, from the ledger. */
final class Book {
    private Book() {
    }

    /** ARR (minor units) of every account just before {@code day}, indexed like the ledger's accounts. */
    static long[] arrBefore(RevenueLedger ledger, LocalDate day) {
        long[] arr = new long[ledger.accounts.size()];
        int end = RevenueLedger.epochDay(day);
        for (int i = 0; i < ledger.size() && ledger.day[i] < end; i++) {
            arr[ledger.account[i]] += ledger.signed(i);
        }
        return arr;
    }

    static Map<String, Integer> index(RevenueLedger ledger) {
        Map<String, Integer> index = new HashMap<>();
        for (int a = 0; a < ledger.accounts.size(); a++) {
            index.put(ledger.accounts.get(a).id(), a);
        }
        return index;
    }
}
