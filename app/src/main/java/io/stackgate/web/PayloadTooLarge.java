package io.stackgate.web;

import io.stackgate.errors.DomainError;
import org.springframework.util.unit.DataSize;

/** The request body is larger than {@code stackgate.web.max-body-size}. */
class PayloadTooLarge extends DomainError {

    PayloadTooLarge(DataSize limit) {
        super(Kind.TOO_LARGE, "the request body is larger than " + limit.toBytes()
                + " bytes (stackgate.web.max-body-size)");
    }
}
