package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients on raw sockets — random bytes, truncated and lying lengths, oversized
 * messages, random message types and bodies after a valid startup — while a healthy pgjdbc
 * connection keeps working. Each bad connection must end (with an ErrorResponse or a plain
 * close), never the server; afterwards only the healthy connection holds a slot.
 * Seeded: prints its seed, repeat with {@code -Dcutaway.seed=N}.
 */
class ProtocolFuzzTest {
    private static final int MESSAGE_BYTES_MAX = 64 * 1024;
    private static final String TYPES = "PBDESCHQXdcfp?\0Zz";

    @Test
    void hostileMessagesEndOnlyTheirOwnConnection() throws Exception {
        long seed = Long.getLong("cutaway.seed", System.nanoTime());
        System.out.println("ProtocolFuzzTest seed " + seed + " (-Dcutaway.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        try (ServerFixture fx = new ServerFixture(ServerOptions.defaults()
                .withMessageBytesMax(MESSAGE_BYTES_MAX));
             Connection healthy = fx.connect(); Statement s = healthy.createStatement()) {
            s.execute("create table kept (id int primary key)");
            for (int i = 0; i < 150; i++) {
                try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
                    socket.setSoTimeout(2_000);
                    attack(socket, random, i % 6);
                    drain(socket.getInputStream());
                } catch (IOException e) {
                    // the server may reset a connection it rejected: that is fine
                }
                s.execute("insert into kept values (" + i + ")");
            }
            try (ResultSet rs = s.executeQuery("select count(*) from kept")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(150);
            }
            for (int i = 0; i < 100 && fx.server.activeConnections() > 1; i++) {
                Thread.sleep(20);
            }
            assertThat(fx.server.activeConnections()).isEqualTo(1);
            assertThat(fx.server.internalErrors()).as("connections ended by our own bugs")
                    .isZero();
        }
    }

    @Test
    void oversizedMessagesAreRefusedBeforeTheyAreRead() throws Exception {
        try (ServerFixture fx = new ServerFixture(ServerOptions.defaults()
                .withMessageBytesMax(MESSAGE_BYTES_MAX));
             Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.setSoTimeout(5_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            startup(out);
            readUntilReady(new DataInputStream(socket.getInputStream()));
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE);   // claims 2 GiB; nothing more follows
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readByte()).isEqualTo((byte) 'E');
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("54000")
                    .contains("exceeds the limit");
            assertThat(in.read()).isEqualTo(-1);   // and the connection is closed
        }
    }

    private static void attack(Socket socket, SplittableRandom random, int kind)
            throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        switch (kind) {
            case 0 -> out.write(bytes(random, random.nextInt(0, 600)));
            case 1 -> {   // startup packet whose length lies
                out.writeInt(random.nextInt(-10, 20_000));
                out.writeInt(196_608);
                out.write(bytes(random, random.nextInt(0, 40)));
            }
            case 2 -> {   // SSLRequest then garbage
                out.writeInt(8);
                out.writeInt(80_877_103);
                out.write(bytes(random, random.nextInt(1, 200)));
            }
            default -> {
                startup(out);
                readUntilReady(new DataInputStream(socket.getInputStream()));
                for (int m = 0; m < 20; m++) {
                    randomMessage(out, random);
                }
            }
        }
        out.flush();
        socket.shutdownOutput();
    }

    private static void randomMessage(DataOutputStream out, SplittableRandom random)
            throws IOException {
        char type = TYPES.charAt(random.nextInt(TYPES.length()));
        byte[] body = random.nextInt(4) == 0 ? structured(type, random)
                : bytes(random, random.nextInt(0, 80));
        int length = body.length + 4;
        switch (random.nextInt(8)) {
            case 0 -> length = random.nextInt(-5, 4);            // impossible
            case 1 -> length = MESSAGE_BYTES_MAX + 5 + random.nextInt(1000);   // too big
            case 2 -> length += random.nextInt(1, 50);           // claims more than sent
            default -> { }
        }
        out.writeByte(type);
        out.writeInt(length);
        out.write(body);
    }

    /** A plausible body with random counts and lengths, for the extended protocol. */
    private static byte[] structured(char type, SplittableRandom random) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write("s\0".getBytes(StandardCharsets.UTF_8));
        if (type == 'P') {
            d.write("select $1::int + 1\0".getBytes(StandardCharsets.UTF_8));
        }
        d.writeShort(random.nextInt(-3, 70_000));
        for (int i = 0; i < random.nextInt(0, 5); i++) {
            d.writeInt(random.nextInt(-2, 100));
            d.write(bytes(random, random.nextInt(0, 8)));
        }
        return b.toByteArray();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static void startup(DataOutputStream out) throws IOException {
        byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + params.length);
        out.writeInt(196_608);
        out.write(params);
        out.flush();
    }

    private static void readUntilReady(DataInputStream in) throws IOException {
        while (true) {
            byte type = in.readByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'Z') {
                return;
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard until the server closes
            }
        } catch (SocketTimeoutException e) {
            // a connection still waiting for more input: closed by us
        }
    }
}
