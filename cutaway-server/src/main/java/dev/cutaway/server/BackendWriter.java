package dev.cutaway.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes backend messages ({@code Byte1 type | Int32 length incl. itself | body}, big-endian,
 * strings UTF-8 + NUL) into a buffered stream. Nothing reaches the socket until {@link
 * #flush()}: the connection flushes at ReadyForQuery, Flush, COPY hand-overs and before
 * closing, which is what lets a pipelining client's many messages be answered in one write.
 */
final class BackendWriter {
    /** One RowDescription field. */
    record Field(String name, int tableOid, int attnum, int typeOid, int typlen, int typmod,
            int format) {}

    private final OutputStream out;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

    BackendWriter(OutputStream socketOut) {
        this.out = new BufferedOutputStream(socketOut, 16 * 1024);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** A raw single byte outside any message (the answer to SSLRequest/GSSENCRequest). */
    void rawByte(char b) throws IOException {
        out.write(b);
        out.flush();
    }

    void authentication(int code, byte[] data) throws IOException {
        int32(code);
        body.write(data);
        send('R');
    }

    void authenticationSasl(List<String> mechanisms) throws IOException {
        int32(10);
        for (String m : mechanisms) {
            cstring(m);
        }
        body.write(0);
        send('R');
    }

    void parameterStatus(String name, String value) throws IOException {
        cstring(name);
        cstring(value);
        send('S');
    }

    void backendKeyData(int pid, int secret) throws IOException {
        int32(pid);
        int32(secret);
        send('K');
    }

    void readyForQuery(char status) throws IOException {
        body.write(status);
        send('Z');
    }

    void rowDescription(List<Field> fields) throws IOException {
        int16(fields.size());
        for (Field f : fields) {
            cstring(f.name());
            int32(f.tableOid());
            int16(f.attnum());
            int32(f.typeOid());
            int16(f.typlen());
            int32(f.typmod());
            int16(f.format());
        }
        send('T');
    }

    /** A DataRow; a null cell is SQL NULL (length -1). */
    void dataRow(byte[][] cells) throws IOException {
        int16(cells.length);
        for (byte[] c : cells) {
            if (c == null) {
                int32(-1);
            } else {
                int32(c.length);
                body.write(c);
            }
        }
        send('D');
    }

    void commandComplete(String tag) throws IOException {
        cstring(tag);
        send('C');
    }

    void parameterDescription(int[] oids) throws IOException {
        int16(oids.length);
        for (int oid : oids) {
            int32(oid);
        }
        send('t');
    }

    /** A message without a body: ParseComplete '1', BindComplete '2', CloseComplete '3',
     *  NoData 'n', EmptyQueryResponse 'I', PortalSuspended 's', CopyDone 'c'. */
    void empty(char type) throws IOException {
        send(type);
    }

    /** ErrorResponse ('E') or NoticeResponse ('N'): (code, value) fields, then a 0 byte. */
    void fields(char type, List<ErrorFields.Field> fields) throws IOException {
        for (ErrorFields.Field f : fields) {
            body.write(f.code());
            cstring(f.value());
        }
        body.write(0);
        send(type);
    }

    /** CopyInResponse 'G' / CopyOutResponse 'H': overall format, then per-column formats. */
    void copyResponse(char type, int format, int columns) throws IOException {
        body.write(format);
        int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(format);
        }
        send(type);
    }

    void copyData(byte[] data) throws IOException {
        body.write(data);
        send('d');
    }

    private void send(char type) throws IOException {
        out.write(type);
        int length = body.size() + 4;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        body.writeTo(out);
        body.reset();
    }

    private void int32(int v) {
        body.write(v >>> 24);
        body.write(v >>> 16);
        body.write(v >>> 8);
        body.write(v);
    }

    private void int16(int v) {
        body.write(v >>> 8);
        body.write(v);
    }

    private void cstring(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        body.write(0);
    }
}
