package io.stackgate.identity;

import java.util.Set;

/** A user as the directory knows them: username and full group paths. */
public record DirectoryUser(String id, String username, Set<String> groups) {

    public DirectoryUser {
        groups = Set.copyOf(groups);
    }
}
