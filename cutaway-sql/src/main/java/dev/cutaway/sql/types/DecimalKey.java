package dev.cutaway.sql.types;

import dev.cutaway.check.Invariants;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An order-preserving byte encoding of decimal numbers (numeric values, interval spans):
 * {@link java.util.Arrays#compareUnsigned} on two encodings has the sign of
 * {@link BigDecimal#compareTo} on the numbers, and numbers that compare equal ({@code 1.0},
 * {@code 1.00}) encode identically, so the scale is not kept (a key is for order and
 * equality; the row keeps the value as written).
 *
 * <p>Layout: {@code 0x02} for zero. Otherwise the value is {@code 0.d1d2...dn x 10^e} with
 * d1 != 0 and dn != 0; a positive number is {@code 0x03}, then {@code e} as 4 bytes big-endian
 * with the sign bit flipped, then one byte per digit holding {@code d + 1} (1..10). A negative
 * number is {@code 0x01}, then the bitwise complement of the same exponent and digit bytes,
 * then {@code 0xFF}: the terminator sorts above every complemented digit (0xF5..0xFE), so a
 * shorter negative digit string that is a prefix of a longer one (-1.2 vs -1.23) sorts after
 * it, as it must.
 */
final class DecimalKey {
    private static final int NEGATIVE = 0x01;
    private static final int ZERO = 0x02;
    private static final int POSITIVE = 0x03;

    private DecimalKey() {}

    static byte[] encode(BigDecimal value) {
        if (value.signum() == 0) {
            return new byte[] {ZERO};
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - stripped.scale();
        Invariants.check(exponent >= Integer.MIN_VALUE && exponent <= Integer.MAX_VALUE,
                "decimal key exponent fits in 32 bits", exponent);
        boolean negative = value.signum() < 0;
        int flip = negative ? 0xFF : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(digits.length() + 6);
        out.write(negative ? NEGATIVE : POSITIVE);
        int biased = (int) exponent ^ Integer.MIN_VALUE;
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(((biased >>> shift) & 0xFF) ^ flip);
        }
        for (int i = 0; i < digits.length(); i++) {
            out.write((digits.charAt(i) - '0' + 1) ^ flip);
        }
        if (negative) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    static BigDecimal decode(byte[] bytes) {
        if (bytes.length == 1 && bytes[0] == ZERO) {
            return BigDecimal.ZERO;
        }
        boolean negative = bytes[0] == NEGATIVE;
        if (!negative && bytes[0] != POSITIVE || bytes.length < 6) {
            throw new IllegalArgumentException("not a decimal key");
        }
        int flip = negative ? 0xFF : 0;
        int biased = 0;
        for (int i = 1; i <= 4; i++) {
            biased = biased << 8 | ((bytes[i] & 0xFF) ^ flip);
        }
        int exponent = biased ^ Integer.MIN_VALUE;
        int end = negative ? bytes.length - 1 : bytes.length;
        StringBuilder digits = new StringBuilder(end - 5);
        for (int i = 5; i < end; i++) {
            int d = ((bytes[i] & 0xFF) ^ flip) - 1;
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("bad digit in decimal key at " + i);
            }
            digits.append((char) ('0' + d));
        }
        BigDecimal magnitude = new BigDecimal(new BigInteger(digits.toString()),
                digits.length() - exponent);
        if (magnitude.scale() < 0) {
            magnitude = magnitude.setScale(0);
        }
        return negative ? magnitude.negate() : magnitude;
    }
}
