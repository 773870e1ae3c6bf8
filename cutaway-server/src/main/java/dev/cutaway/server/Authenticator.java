package dev.cutaway.server;

import dev.cutaway.sql.catalog.ScramVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The authentication exchange after the StartupMessage: trust answers AuthenticationOk at
 * once; SCRAM-SHA-256 runs AuthenticationSASL (10) → SASLInitialResponse ('p': mechanism,
 * Int32 length, client-first) → AuthenticationSASLContinue (11, server-first) → SASLResponse
 * ('p': client-final) → AuthenticationSASLFinal (12, server-final) → AuthenticationOk (0).
 * A wrong password, or a role without a password under SCRAM, fails with 28P01 after the
 * exchange, so a client cannot tell which roles have passwords. Passwords never reach a log.
 */
final class Authenticator {
    private static final int OK = 0;
    private static final int SASL_CONTINUE = 11;
    private static final int SASL_FINAL = 12;

    private final ServerOptions.Auth method;
    private final FrameReader in;
    private final BackendWriter out;

    Authenticator(ServerOptions.Auth method, FrameReader in, BackendWriter out) {
        this.method = method;
        this.in = in;
        this.out = out;
    }

    void authenticate(Roles.Role role) throws IOException, ProtocolException {
        if (method == ServerOptions.Auth.SCRAM) {
            scram(role);
        }
        out.authentication(OK, new byte[0]);
    }

    private void scram(Roles.Role role) throws IOException, ProtocolException {
        out.authenticationSasl(List.of(Scram.MECHANISM));
        out.flush();
        MessageBody first = passwordMessage();
        String mechanism = first.cstring();
        if (!mechanism.equals(Scram.MECHANISM)) {
            throw new ProtocolException("28000", "client selected an invalid SASL"
                    + " authentication mechanism");
        }
        int length = first.int32();
        String clientFirst = new String(first.bytes(Math.max(length, 0)),
                StandardCharsets.UTF_8);
        // A role without a password still gets a full exchange against a throw-away
        // verifier, so the failure looks like any wrong password.
        ScramVerifier verifier = role.verifier() != null ? role.verifier()
                : ScramVerifier.derive(java.util.UUID.randomUUID().toString());
        Scram.Exchange exchange = new Scram.Exchange(verifier);
        out.authentication(SASL_CONTINUE, exchange.serverFirst(clientFirst)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        String clientFinal = new String(passwordMessage().rest(), StandardCharsets.UTF_8);
        String serverFinal = exchange.serverFinal(clientFinal);
        if (serverFinal == null || role.verifier() == null) {
            throw new ProtocolException("28P01", "password authentication failed for user \""
                    + role.name() + "\"");
        }
        out.authentication(SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private MessageBody passwordMessage() throws IOException, ProtocolException {
        FrameReader.Frame f = in.next();
        if (f == null) {
            throw new IOException("client closed during authentication");
        }
        if (f.type() != 'p') {
            throw new ProtocolException("expected SASL response, got message type "
                    + (int) f.type());
        }
        return f.body();
    }
}
