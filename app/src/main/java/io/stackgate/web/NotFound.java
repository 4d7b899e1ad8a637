package io.stackgate.web;

import org.springframework.http.HttpStatus;

/** The object does not exist, or exists in a tenant the caller may not see: both answer 404. */
public class NotFound extends DomainException {

    public NotFound(String what, String id) {
        super(HttpStatus.NOT_FOUND, what + " " + id + " not found");
    }
}
