package io.stackgate.compute;

/** Where one VM stands, from its first placement attempt to its end. */
public enum VmState {
    /** placement not tried yet */
    PENDING,
    /** no host has room now; placement is tried again with back-off */
    WAITING,
    /** placed; volumes, network and domain are being made */
    PROVISIONING,
    RUNNING,
    STOPPED,
    /** provisioning gave up; everything made for it was removed */
    FAILED,
    /** being removed: no owner action moves it any more; its domain, volumes and capacity are going */
    DECOMMISSIONING,
    DECOMMISSIONED,
    /** the record exists but the domain vanished from its host */
    LOST
}
