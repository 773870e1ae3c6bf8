package dev.cutaway.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it, server side.
 *
 * <p>Only the verifier is ever stored: {@code SaltedPassword = PBKDF2-HMAC-SHA-256(password,
 * salt, iterations)}, {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"))},
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}; its text form is PostgreSQL's
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64). The password
 * itself is forgotten once the verifier is computed, and never logged.
 *
 * <p>Exchange: client-first {@code n,,n=<user>,r=<cnonce>}; server-first
 * {@code r=<cnonce+snonce>,s=<salt>,i=<iterations>}; client-final
 * {@code c=biws,r=<nonce>,p=<proof>}; server-final {@code v=<ServerSignature>}. The proof is
 * checked by recovering ClientKey = proof XOR HMAC(StoredKey, AuthMessage) and comparing its
 * hash with StoredKey in constant time. Channel binding is not offered ({@code n,,} / biws).
 */
final class Scram {
    static final String MECHANISM = "SCRAM-SHA-256";
    static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored verifier. */
    record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        String text() {
            Base64.Encoder b = Base64.getEncoder();
            return MECHANISM + "$" + iterations + ":" + b.encodeToString(salt) + "$"
                    + b.encodeToString(storedKey) + ":" + b.encodeToString(serverKey);
        }

        static Verifier parse(String text) {
            try {
                String[] parts = text.split("\\$");
                String[] head = parts[1].split(":");
                String[] keys = parts[2].split(":");
                Base64.Decoder d = Base64.getDecoder();
                if (!parts[0].equals(MECHANISM)) {
                    throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
                }
                return new Verifier(Integer.parseInt(head[0]), d.decode(head[1]),
                        d.decode(keys[0]), d.decode(keys[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("malformed SCRAM verifier", e);
            }
        }
    }

    private Scram() {}

    /** A verifier for {@code password} with a fresh 16-byte salt. */
    static Verifier verifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return verifier(password, salt, ITERATIONS);
    }

    static Verifier verifier(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new Verifier(iterations, salt, sha256(clientKey), hmac(salted, "Server Key"));
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** One server-side exchange. */
    static final class Exchange {
        private final Verifier verifier;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        Exchange(Verifier verifier) {
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
            byte[] signature = hmac(verifier.storedKey(), authMessage);
            if (proof.length != signature.length) {
                return null;
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ signature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
                return null;
            }
            return "v=" + Base64.getEncoder().encodeToString(
                    hmac(verifier.serverKey(), authMessage));
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
