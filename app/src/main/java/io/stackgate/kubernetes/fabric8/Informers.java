package io.stackgate.kubernetes.fabric8;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackgate.kubernetes.cluster.Watch;

/** fabric8 informers as {@link Watch}es. */
final class Informers {

    private Informers() {
    }

    /** The informer as a {@link Watch}: watching while its watch is open; closing stops it. */
    static Watch watch(SharedIndexInformer<?> informer) {
        return new Watch() {
            @Override
            public boolean watching() {
                return informer.isWatching();
            }

            @Override
            public void close() {
                informer.close();
            }
        };
    }
}
