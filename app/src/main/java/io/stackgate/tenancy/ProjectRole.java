package io.stackgate.tenancy;

/** What a mapped Keycloak group may do in a project. */
public enum ProjectRole {
    OWNER, MEMBER, VIEWER;

    /** Owners and members may submit requests into the project; viewers only read. */
    public boolean maySubmit() {
        return this != VIEWER;
    }
}
