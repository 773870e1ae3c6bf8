package dev.cutaway.server;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one frontend message's body (the bytes after the type byte and the int32
 * length). Every read is bounds-checked: reading past the end, a negative length or a string
 * without its terminating NUL is a {@link ProtocolException}, so a truncated or lying message
 * can never make us read another message's bytes or allocate more than the body holds.
 *
 * <p>Layouts are big-endian as in the protocol: Int16, Int32, String = UTF-8 bytes + 0x00.
 */
final class MessageBody {
    private final byte[] bytes;
    private int offset;

    MessageBody(byte[] bytes) {
        this.bytes = bytes;
    }

    int remaining() {
        return bytes.length - offset;
    }

    int int32() throws ProtocolException {
        need(4);
        int v = ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
        offset += 4;
        return v;
    }

    int int16() throws ProtocolException {
        need(2);
        int v = (short) (((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff));
        offset += 2;
        return v;
    }

    /** A count (Int16) that must be between 0 and {@code max}. */
    int count16(int max) throws ProtocolException {
        int n = int16();
        if (n < 0 || n > max) {
            throw new ProtocolException("invalid count " + n + " in message");
        }
        return n;
    }

    byte int8() throws ProtocolException {
        need(1);
        return bytes[offset++];
    }

    /** A NUL-terminated UTF-8 string. */
    String cstring() throws ProtocolException {
        for (int i = offset; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                String s = new String(bytes, offset, i - offset, StandardCharsets.UTF_8);
                offset = i + 1;
                return s;
            }
        }
        throw new ProtocolException("invalid string in message: missing terminator");
    }

    byte[] bytes(int length) throws ProtocolException {
        if (length < 0) {
            throw new ProtocolException("invalid length " + length + " in message");
        }
        need(length);
        byte[] b = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        offset += length;
        return b;
    }

    /** The rest of the body. */
    byte[] rest() {
        byte[] b = java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
        offset = bytes.length;
        return b;
    }

    private void need(int n) throws ProtocolException {
        if (n > bytes.length - offset) {
            throw new ProtocolException("invalid message format: truncated message");
        }
    }
}
