package io.tenure.api.data;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the rows of this page
 * @param total how many rows match in all
 * @param offset rows skipped before this page
 * @param limit the page size asked for
 */
public record Page<T>(List<T> items, long total, long offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
