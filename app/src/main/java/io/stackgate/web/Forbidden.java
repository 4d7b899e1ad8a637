package io.stackgate.web;

import org.springframework.http.HttpStatus;

/** The caller may see the object but not do this to it. */
public class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(HttpStatus.FORBIDDEN, message);
    }
}
