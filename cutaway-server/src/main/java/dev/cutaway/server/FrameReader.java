package dev.cutaway.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend frames from a socket. Layouts:
 * <pre>
 *   startup-phase packet: Int32 length (including itself) | Int32 code | body
 *   regular message:      Byte1 type | Int32 length (including itself, not the type) | body
 * </pre>
 * The length is checked against {@code bytesMax} before the body is allocated, so a client
 * cannot make the server allocate more than the configured limit per message. Reads are
 * buffered: pgbench sends Bind, Execute and Sync in one packet, and reading the type byte,
 * length and body of each straight from the socket cost nine reads (each a system call and a
 * virtual-thread park check) where one does.
 */
final class FrameReader {
    /** One regular message: its type byte and body. */
    record Frame(char type, MessageBody body) {}

    private static final int BUFFER_BYTES = 8 * 1024;

    private final BufferedInputStream buffered;
    private final DataInputStream in;
    private final int bytesMax;

    FrameReader(InputStream in, int bytesMax) {
        this.buffered = new BufferedInputStream(in, BUFFER_BYTES);
        this.in = new DataInputStream(buffered);
        this.bytesMax = bytesMax;
    }

    /**
     * Whether bytes the client sent are waiting to be read. Checked before answering an
     * SSLRequest with 'S': bytes sent before the answer were sent in the clear and would be
     * taken for part of the TLS stream (PostgreSQL refuses them, CVE-2021-23214).
     */
    boolean hasPendingBytes() throws IOException {
        return buffered.available() > 0;
    }

    /** A startup-phase packet's body (code first), or null at a clean end of stream. */
    MessageBody startupPacket() throws IOException, ProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16)
                | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        // PostgreSQL caps startup packets at 10000 bytes.
        if (length < 8 || length > Math.min(bytesMax, 10_000)) {
            throw new ProtocolException("invalid length of startup packet");
        }
        return new MessageBody(body(length - 4));
    }

    /** The next regular message, or null at a clean end of stream. */
    Frame next() throws IOException, ProtocolException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 4) {
            throw new ProtocolException("invalid message length " + length);
        }
        if (length - 4 > bytesMax) {
            throw new ProtocolException("54000", "message of " + length
                    + " bytes exceeds the limit of " + bytesMax + " bytes");
        }
        return new Frame((char) type, new MessageBody(body(length - 4)));
    }

    private byte[] body(int n) throws IOException {
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside a message");
        }
        return b;
    }
}
