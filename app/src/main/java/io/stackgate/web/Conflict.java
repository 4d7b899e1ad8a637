package io.stackgate.web;

import org.springframework.http.HttpStatus;

/** The object is not in a state that allows this (e.g. cancelling a completed request). */
public class Conflict extends DomainException {

    public Conflict(String message) {
        super(HttpStatus.CONFLICT, message);
    }
}
