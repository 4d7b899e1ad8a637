package io.stackgate.web;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The request body is larger than {@code stackgate.web.max-body-size}. */
class PayloadTooLarge extends DomainException {

    PayloadTooLarge(DataSize limit) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit.toBytes()
                + " bytes (stackgate.web.max-body-size)");
    }
}
