package io.stackgate.web;

import org.springframework.http.HttpStatus;

/** A field of the request body is missing or wrong; the problem body names it. */
public class InvalidInput extends DomainException {

    public InvalidInput(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, message);
    }
}
