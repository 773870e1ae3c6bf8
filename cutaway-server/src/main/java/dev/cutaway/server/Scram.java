package dev.cutaway.server;

import dev.cutaway.sql.catalog.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it, server side.
 *
 * <p>The server holds only the role's {@link ScramVerifier} (salt, StoredKey, ServerKey);
 * the password never reaches it.
 *
 * <p>Exchange: client-first {@code n,,n=<user>,r=<cnonce>}; server-first
 * {@code r=<cnonce+snonce>,s=<salt>,i=<iterations>}; client-final
 * {@code c=biws,r=<nonce>,p=<proof>}; server-final {@code v=<ServerSignature>}. The proof is
 * checked by recovering ClientKey = proof XOR HMAC(StoredKey, AuthMessage) and comparing its
 * hash with StoredKey in constant time. Channel binding is not offered ({@code n,,} / biws).
 */
final class Scram {
    static final String MECHANISM = ScramVerifier.MECHANISM;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {}

    /** One server-side exchange. */
    static final class Exchange {
        private final ScramVerifier verifier;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        Exchange(ScramVerifier verifier) {
            this.verifier = verifier;
        }

        /** Takes client-first, returns server-first. */
        String serverFirst(String clientFirst) throws ProtocolException {
            if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
                throw new ProtocolException("28000", "unsupported SCRAM channel binding");
            }
            int bare = clientFirst.indexOf(',', 2);
            if (bare < 0) {
                throw new ProtocolException("malformed SCRAM client-first message");
            }
            clientFirstBare = clientFirst.substring(bare + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            byte[] serverNonce = new byte[18];
            RANDOM.nextBytes(serverNonce);
            nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(
                    verifier.salt()) + ",i=" + verifier.iterations();
            return serverFirst;
        }

        /** Takes client-final; returns server-final, or null when the proof is wrong. */
        String serverFinal(String clientFinal) throws ProtocolException {
            int p = clientFinal.lastIndexOf(",p=");
            if (p < 0 || !nonce.equals(attribute(clientFinal, 'r'))) {
                throw new ProtocolException("malformed SCRAM client-final message");
            }
            String withoutProof = clientFinal.substring(0, p);
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed SCRAM proof");
            }
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] signature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
            if (proof.length != signature.length) {
                return null;
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ signature[i]);
            }
            if (!MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey())) {
                return null;
            }
            return "v=" + Base64.getEncoder().encodeToString(
                    ScramVerifier.hmac(verifier.serverKey(), authMessage));
        }

        private static String attribute(String message, char name) throws ProtocolException {
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                    return part.substring(2);
                }
            }
            throw new ProtocolException("SCRAM message lacks attribute " + name);
        }
    }
}
