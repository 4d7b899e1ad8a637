package io.stackgate.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every service reads the time from (lease ends, claim expiry, drain timeouts, reports), so that a test
 * can put a fixed or moving clock in its place instead of waiting.
 */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
