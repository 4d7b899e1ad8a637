package io.stackgate.web;

import java.util.List;

import io.stackgate.errors.InvalidInput;

/**
 * Which page of a list the caller asked for ({@code ?page=&size=}): 0-based, {@value #DEFAULT_SIZE} items unless
 * told otherwise, never more than {@value #MAX_SIZE}. Out-of-range values are refused naming the parameter.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    /** From optional query parameters (null: the first page, the default size). */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** How many items come before this page ({@code offset} of SQL). */
    public long offset() {
        return (long) page * size;
    }

    /** This page of a list already in memory (e.g. merged from several sources). */
    public <T> Page<T> slice(List<T> all) {
        int from = (int) Math.min(offset(), all.size());
        int to = (int) Math.min(offset() + size, all.size());
        return Page.of(all.subList(from, to), this, all.size());
    }
}
