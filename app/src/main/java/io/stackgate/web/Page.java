package io.stackgate.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list answer: the items, which page of which size it is, and how many items there are in all.
 *
 * @param page  0-based page number
 * @param size  the page size asked for (at most {@link PageRequest#MAX_SIZE})
 * @param total how many items the whole list has
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }

    /** Whether a later page has items (in the JSON answer too: it is no record component). */
    @JsonProperty("hasNext")
    @Schema(description = "whether a later page has items")
    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
