package io.stackgate.compute;

/** CPU architectures of hosts and guests; both are first-class. */
public enum Arch {
    x86_64, aarch64
}
