package dev.cutaway.sql.catalog;

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
 * A SCRAM-SHA-256 password verifier (RFC 5802, RFC 7677), the only form in which a role's
 * password is stored: {@code SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations)},
 * {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"))}, {@code ServerKey =
 * HMAC(SaltedPassword, "Server Key")}. Text form, as PostgreSQL's {@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 *
 * <p>Salts come from a {@link SecureRandom}, on purpose not the seeded random of the engine:
 * a predictable salt would defeat it. Neither the password nor SaltedPassword outlives
 * {@link #derive}.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** PostgreSQL's default {@code scram_iterations}. */
    public static final int ITERATIONS = 4096;
    private static final SecureRandom SALTS = new SecureRandom();

    /** A verifier for {@code password} with a fresh 16-byte salt. */
    public static ScramVerifier derive(String password) {
        byte[] salt = new byte[16];
        SALTS.nextBytes(salt);
        return derive(password, salt, ITERATIONS);
    }

    public static ScramVerifier derive(String password, byte[] salt, int iterations) {
        byte[] salted;
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                    .getEncoded();
            spec.clearPassword();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
        return new ScramVerifier(iterations, salt.clone(), sha256(hmac(salted, "Client Key")),
                hmac(salted, "Server Key"));
    }

    /** The text form stored in the catalog. */
    public String text() {
        Base64.Encoder b = Base64.getEncoder();
        return MECHANISM + "$" + iterations + ":" + b.encodeToString(salt) + "$"
                + b.encodeToString(storedKey) + ":" + b.encodeToString(serverKey);
    }

    /** Parses the text form; IllegalArgumentException when malformed. */
    public static ScramVerifier parse(String text) {
        try {
            String[] parts = text.split("\\$");
            if (parts.length != 3 || !parts[0].equals(MECHANISM)) {
                throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
            }
            String[] head = parts[1].split(":");
            String[] keys = parts[2].split(":");
            Base64.Decoder d = Base64.getDecoder();
            return new ScramVerifier(Integer.parseInt(head[0]), d.decode(head[1]),
                    d.decode(keys[0]), d.decode(keys[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed SCRAM verifier", e);
        }
    }

    public static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && v.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
