package io.stackgate.notifications.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.ResourceAccessException;

/** A directory that does not answer tells nobody of the group, and stops nothing: the change goes on. */
class RecipientsTest {

    @Test
    void aDirectoryThatDoesNotAnswerTellsNobodyAndThrowsNothing() {
        UserDirectory down = new UserDirectory() {
            @Override
            public Optional<DirectoryUser> user(String username) {
                throw new ResourceAccessException("Connection refused");
            }

            @Override
            public List<DirectoryUser> members(String groupPath) {
                throw new ResourceAccessException("Connection refused");
            }

            @Override
            public List<DirectoryUser> withRole(String realmRole) {
                throw new ResourceAccessException("Connection refused");
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("directory", down);
        Recipients recipients = new Recipients(beans.getBeanProvider(UserDirectory.class));

        assertThat(recipients.members(Set.of("/tenants/acme/engineering/managers", "role:platform-ops"), "acme")).isEmpty();
        assertThat(recipients.tenantAdmins("acme")).isEmpty();
        assertThat(recipients.user("bob")).isEmpty();
    }
}
