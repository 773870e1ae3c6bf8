package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Prepared;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.types.ValueText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one COPY over the connection's data stream ({@link CopySpec} has the syntax).
 *
 * <p>FROM STDIN: CopyInResponse, then CopyData messages whose bytes are cut into lines
 * (a CopyData may hold part of a line, one line or many; a line {@code \.} ends the data);
 * each line is decoded ({@link CopyText}) and rows go to the table in batches of {@link
 * #BATCH_ROWS} as one multi-row INSERT with text parameters, prepared once per COPY, so the
 * SQL layer applies defaults, constraints and casts exactly as for INSERT. Outside a
 * transaction block the COPY runs in a block of its own, so it is all or nothing; inside one,
 * any error fails the block (also one between batches: a malformed line, the client's
 * CopyFail), so COMMIT cannot keep the batches before it. Memory: one partial line plus one
 * batch. Errors: an error ends the COPY; the connection then drops the client's remaining
 * CopyData/CopyDone/CopyFail, as PostgreSQL does.
 *
 * <p>TO STDOUT: runs the query, answers CopyOutResponse, one CopyData per row, CopyDone and
 * {@code COPY n}.
 */
final class CopyCommand {
    static final int BATCH_ROWS = 500;

    private final Session session;
    private final FrameReader in;
    private final BackendWriter out;
    private final SessionSettings settings;

    CopyCommand(Session session, FrameReader in, BackendWriter out, SessionSettings settings) {
        this.session = session;
        this.in = in;
        this.out = out;
        this.settings = settings;
    }

    static boolean isCopy(String sql) {
        return CopySpec.isCopy(sql);
    }

    void run(String sql) throws IOException, ProtocolException {
        CopySpec spec = CopySpec.parse(sql);
        if (spec.in()) {
            copyIn(spec);
        } else {
            copyOut(spec);
        }
    }

    private void copyOut(CopySpec spec) throws IOException {
        String query = spec.query() != null ? spec.query() : "SELECT "
                + (spec.columns() == null ? "*" : spec.columns()) + " FROM " + spec.source();
        Result r = session.executeOne(query);
        int n = r.columnNames().size();
        out.copyResponse('H', 0, n);
        CopyText text = new CopyText(spec);
        if (spec.header()) {
            out.copyData(text.line(new ArrayList<>(r.columnNames())));
        }
        for (Object[] row : r.rows()) {
            List<String> cells = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                cells.add(ValueText.format(row[c], r.columnTypes().get(c), settings.zone()));
            }
            out.copyData(text.line(cells));
        }
        out.empty('c');
        out.commandComplete("COPY " + r.rows().size());
    }

    private void copyIn(CopySpec spec) throws IOException, ProtocolException {
        List<String> columns = targetColumns(spec);
        boolean ownBlock = !session.inTransaction();
        if (ownBlock) {
            session.executeOne("BEGIN");
        }
        long rows;
        try {
            out.copyResponse('G', 0, columns.size());
            out.flush();
            rows = receive(spec, columns);
            if (ownBlock) {
                session.executeOne("COMMIT");
            }
        } catch (ProtocolException | IOException | RuntimeException e) {
            if (ownBlock && session.inTransaction()) {
                session.executeOne("ROLLBACK");
            } else if (!ownBlock && !session.inFailedTransaction()) {
                session.failStatement();   // the rows of earlier batches must not commit
            }
            throw e;
        }
        out.commandComplete("COPY " + rows);
    }

    private List<String> targetColumns(CopySpec spec) {
        if (spec.columns() != null) {
            List<String> cols = new ArrayList<>();
            for (String c : spec.columns().split(",")) {
                cols.add(c.trim());
            }
            return cols;
        }
        Result shape = session.executeOne("SELECT * FROM " + spec.source() + " LIMIT 0");
        List<String> cols = new ArrayList<>();
        for (String name : shape.columnNames()) {
            cols.add("\"" + name.replace("\"", "\"\"") + "\"");
        }
        return cols;
    }

    /** Reads CopyData until CopyDone; returns the rows inserted. */
    private long receive(CopySpec spec, List<String> columns)
            throws IOException, ProtocolException {
        CopyText text = new CopyText(spec);
        Batch batch = new Batch(spec.source(), columns);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        boolean ended = false;
        boolean skipHeader = spec.header();
        while (true) {
            FrameReader.Frame f = in.next();
            if (f == null) {
                throw new IOException("client closed during COPY");
            }
            switch (f.type()) {
                case 'd' -> {
                    byte[] data = f.body().rest();
                    int start = 0;
                    for (int i = 0; i < data.length; i++) {
                        if (data[i] != '\n') {
                            continue;
                        }
                        partial.write(data, start, i - start);
                        start = i + 1;
                        String line = partial.toString(StandardCharsets.UTF_8);
                        partial.reset();
                        if (ended || skipHeader) {
                            skipHeader = false;
                            continue;
                        }
                        if (line.equals("\\.") || line.equals("\\.\r")) {
                            ended = true;
                            continue;
                        }
                        batch.add(text.fields(stripCr(line), columns.size()));
                    }
                    partial.write(data, start, data.length - start);
                }
                case 'c' -> {
                    if (partial.size() > 0 && !ended) {
                        String line = partial.toString(StandardCharsets.UTF_8);
                        if (!line.equals("\\.")) {
                            batch.add(text.fields(stripCr(line), columns.size()));
                        }
                    }
                    return batch.finish();
                }
                case 'f' -> throw new SqlException("57014", "COPY from stdin failed: "
                        + f.body().cstring());
                case 'H', 'S' -> { }
                default -> throw new ProtocolException("unexpected message type 0x"
                        + Integer.toHexString(f.type()) + " during COPY from stdin");
            }
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Rows waiting to be inserted as one multi-row INSERT. The INSERT of a full batch is
     * prepared once per COPY and executed for every batch (ADR 0038): parsing, normalising and
     * binding a statement of {@link #BATCH_ROWS} rows per batch was a third of the COPY's time.
     */
    private final class Batch {
        private final String table;
        private final List<String> columns;
        private final List<String> values = new ArrayList<>();
        private Prepared full;
        private int rowsPending;
        private long rowsDone;

        Batch(String table, List<String> columns) {
            this.table = table;
            this.columns = columns;
        }

        void add(List<String> fields) {
            values.addAll(fields);
            if (++rowsPending == BATCH_ROWS) {
                flush();
            }
        }

        long finish() {
            flush();
            return rowsDone;
        }

        private void flush() {
            if (rowsPending == 0) {
                return;
            }
            Prepared insert;
            if (rowsPending == BATCH_ROWS) {
                if (full == null) {
                    full = session.prepare(insertSql(BATCH_ROWS));
                }
                insert = full;
            } else {
                insert = session.prepare(insertSql(rowsPending));   // the last, short batch
            }
            insert.executeText(values);
            rowsDone += rowsPending;
            rowsPending = 0;
            values.clear();
        }

        private String insertSql(int rows) {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                    .append(String.join(", ", columns)).append(") VALUES ");
            int p = 1;
            for (int r = 0; r < rows; r++) {
                sql.append(r == 0 ? "(" : ", (");
                for (int c = 0; c < columns.size(); c++) {
                    sql.append(c == 0 ? "$" : ", $").append(p++);
                }
                sql.append(')');
            }
            return sql.toString();
        }
    }
}
