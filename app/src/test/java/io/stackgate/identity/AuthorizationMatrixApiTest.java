package io.stackgate.identity;

import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The authorization matrix with Keycloak-shaped test tokens (fast; the IT runs it with real Keycloak tokens). */
@StackgateTest
class AuthorizationMatrixApiTest extends AuthorizationMatrix {

    @Autowired
    Api api;

    @Override
    protected boolean testTokens() {
        return true;
    }

    @Override
    protected Api.As caller(String name) {
        return name.equals("anon") ? api.anonymous() : api.as(name);
    }
}
