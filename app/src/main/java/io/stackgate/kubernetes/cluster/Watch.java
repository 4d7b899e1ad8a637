package io.stackgate.kubernetes.cluster;

/** A running watch of a cluster (one or more informers), as the health endpoint reports it. */
public interface Watch extends AutoCloseable {

    /** Whether every informer of it has its watch open now (it reconnects by itself after a failure). */
    boolean watching();

    @Override
    void close();
}
