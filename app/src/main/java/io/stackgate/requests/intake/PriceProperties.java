package io.stackgate.requests.intake;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The price table behind cost estimates (per month). */
@Validated
@ConfigurationProperties("stackgate.prices")
public record PriceProperties(
        @NotBlank String currency,
        @NotNull @PositiveOrZero BigDecimal vcpuMonth,
        @NotNull @PositiveOrZero BigDecimal memoryGibMonth,
        @NotNull @PositiveOrZero BigDecimal diskGibMonth,
        @NotNull @PositiveOrZero BigDecimal gpuMonth,
        @NotNull @PositiveOrZero BigDecimal k8sNodeMonth) {
}
