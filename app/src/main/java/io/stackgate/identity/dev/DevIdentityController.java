package io.stackgate.identity.dev;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import io.stackgate.identity.DevIdentity;
import io.stackgate.identity.DevIdentityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out test tokens for the demo users where test tokens are enabled; answers only requests from this machine.
 */
@Tag(name = "Dev identity", description = "Test tokens (the fast test suite only)")
@RestController
@ConditionalOnProperty(name = "stackgate.dev-identity.enabled", havingValue = "true")
class DevIdentityController {

    private final DevIdentity devIdentity;
    private final DevIdentityProperties properties;

    DevIdentityController(DevIdentity devIdentity, DevIdentityProperties properties) {
        this.devIdentity = devIdentity;
        this.properties = properties;
    }

    record TokenRequest(@NotBlank String username) {
    }

    @Operation(operationId = "issueDevToken", summary = "Dev identity: a demo user's bearer token (loopback callers only, no issuer configured)")
    @PostMapping("/dev-identity/token")
    Map<String, Object> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        if (!isLoopback(http.getRemoteAddr())) {
            throw new NotOnThisMachine();
        }
        if (!devIdentity.knows(request.username())) {
            throw new UnknownDemoUser(properties.users().keySet());
        }
        return Map.of("access_token", devIdentity.tokenFor(request.username()),
                "token_type", "Bearer",
                "expires_in", properties.tokenLifetime().toSeconds());
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
