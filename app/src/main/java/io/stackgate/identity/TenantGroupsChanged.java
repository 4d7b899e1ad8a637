package io.stackgate.identity;

/** What {@link TenantGroups} declares may have changed (published after the initial load and every reload). */
public record TenantGroupsChanged() {
}
