package io.stackgate.identity.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the group sync treats groups tenants-config no longer declares.
 *
 * @param deleteGroupsWithMembers also delete such a group when it (or one of its sub-groups) still holds members,
 *                                taking their memberships with it; off by default: those groups are kept and reported
 */
@ConfigurationProperties("stackgate.keycloak.group-sync")
public record GroupSyncProperties(boolean deleteGroupsWithMembers) {
}
