package io.stackgate.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP edge.
 *
 * @param maxBodySize a request body larger than this is refused with 413 before anything reads it (default 1MB)
 */
@ConfigurationProperties("stackgate.web")
public record WebProperties(DataSize maxBodySize) {

    public WebProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
    }
}
