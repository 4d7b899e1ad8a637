package io.stackgate.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The authorization matrix with the demo users' real Keycloak tokens (password grant on the dev realm's portal client). */
@RealKeycloakTest
class AuthorizationMatrixIT extends AuthorizationMatrix {

    /** Tokens live 5 minutes; one per user serves the whole matrix. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @Autowired
    Api api;

    @Override
    protected boolean testTokens() {
        return false;
    }

    @Override
    protected Api.As caller(String name) {
        return name.equals("anon") ? api.anonymous() : api.withToken(TOKENS.computeIfAbsent(name, RealKeycloak::token));
    }
}
