package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stackgate.identity.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerResolverTest {

    private final CallerResolver resolver = resolver(false);

    private static CallerResolver resolver(boolean organizationTenants) {
        return new CallerResolver(() -> Set.of("acme", "globex", "initech"),
                new SecurityProperties(null, null, organizationTenants, null, false));
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).subject("5f0c-alice").claim("preferred_username", "alice");
        claims.forEach(jwt::claim);
        return jwt.build();
    }

    @Test
    void tenantsAreTheTenantPrefixesOfTheGroups() {
        Caller caller = resolver.fromJwt(token(Map.of("groups", List.of("/tenants/acme/engineering", "/platform/x"),
                "realm_access", Map.of("roles", List.of("requester")))));
        assertThat(caller.username()).isEqualTo("alice");
        assertThat(caller.id()).isEqualTo("5f0c-alice");
        assertThat(caller.tenants()).containsExactly("acme");
        assertThat(caller.roles()).containsExactly("requester");
        assertThat(caller.engineGroups()).contains("/tenants/acme/engineering", "role:requester");
    }

    @Test
    void anOrganizationClaimGrantsNoTenantByDefault() {
        Caller dave = resolver.fromJwt(token(Map.of("groups", List.of("/tenants/globex/operations"),
                "organization", List.of("acme"))));
        assertThat(dave.tenants()).containsExactly("globex");
        assertThat(dave.canSee("acme")).isFalse();
        assertThat(resolver.fromJwt(token(Map.of("organization", Map.of("initech", Map.of("id", "x"))))).tenants()).isEmpty();
    }

    @Test
    void withOrganizationTenantsOnKeycloakOrganizationsAddTenantsWhetherListedOrKeyed() {
        CallerResolver organizations = resolver(true);
        assertThat(organizations.fromJwt(token(Map.of("organization", List.of("globex")))).tenants()).containsExactly("globex");
        assertThat(organizations.fromJwt(token(Map.of("organization", Map.of("initech", Map.of("id", "x"))))).tenants())
                .containsExactly("initech");
        assertThat(organizations.fromJwt(token(Map.of("organization", List.of("umbrella")))).tenants())
                .as("an organization that is no tenant").isEmpty();
    }

    @Test
    void tenantsThatAreNotConfiguredAreIgnored() {
        assertThat(resolver.fromJwt(token(Map.of("groups", List.of("/tenants/umbrella/labs")))).tenants()).isEmpty();
    }

    @Test
    void platformOperatorsSeeEveryTenant() {
        Caller olga = resolver.fromJwt(token(Map.of("realm_access", Map.of("roles", List.of("platform-ops")))));
        assertThat(olga.tenants()).containsExactlyInAnyOrder("acme", "globex", "initech");
        assertThat(olga.isPlatformWide()).isTrue();
    }

    @Test
    void aTokenWithoutSubjectNamesNoCaller() {
        Jwt noSubject = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("preferred_username", "alice").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.fromJwt(noSubject))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub");
    }
}
