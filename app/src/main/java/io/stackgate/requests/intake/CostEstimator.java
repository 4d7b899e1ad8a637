package io.stackgate.requests.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestSpec;
import org.springframework.stereotype.Component;

/** Estimated monthly cost of a request from the configured price table. */
@Component
public class CostEstimator {

    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private final PriceProperties prices;

    public CostEstimator(PriceProperties prices) {
        this.prices = prices;
    }

    public String currency() {
        return prices.currency();
    }

    public BigDecimal monthly(RequestSpec spec) {
        RequestSpec.Sizing size = spec.sizing();
        if (size.count() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal count = BigDecimal.valueOf(size.count());
        BigDecimal perMachine = prices.vcpuMonth().multiply(BigDecimal.valueOf(size.vcpus()))
                .add(prices.memoryGibMonth().multiply(BigDecimal.valueOf(size.memoryMiB()))
                        .divide(MIB_PER_GIB, 4, RoundingMode.HALF_UP))
                .add(prices.diskGibMonth().multiply(BigDecimal.valueOf(size.diskGiB())));
        if (spec instanceof NodePoolSpec) {
            perMachine = perMachine.add(prices.k8sNodeMonth());
        }
        BigDecimal gpus = prices.gpuMonth().multiply(BigDecimal.valueOf(size.gpus()));
        return perMachine.multiply(count).add(gpus).setScale(2, RoundingMode.HALF_UP);
    }
}
