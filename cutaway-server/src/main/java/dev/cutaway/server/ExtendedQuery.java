package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol of one connection: prepared statements (Parse, Close S) and
 * portals (Bind, Describe, Execute, Close P), named or unnamed (the empty name, replaced by
 * the next Parse/Bind).
 *
 * <p>A portal runs its statement once, at its first Describe or Execute, and keeps the
 * {@link Result}; Execute with a row limit hands out the next rows and answers
 * PortalSuspended until the rows run out. Outside a transaction block every portal is
 * dropped at Sync (PostgreSQL closes portals at transaction end); inside one, named portals
 * live until Close or the block ends. After an error the connection discards messages until
 * Sync ({@link #skippingToSync()}).
 *
 * <p>Parse is the SQL layer's {@link dev.cutaway.sql.engine.Session#prepare}: it infers the
 * types of parameters the client left 0 (pgbench sends none), describes the result columns
 * without running anything, and caches the plan; Describe answers from it. Parameter values
 * travel to the engine as text: binary ones are decoded by their declared or inferred type.
 */
final class ExtendedQuery {
    /**
     * A Parse: the engine's prepared statement (null for an empty query), where its text
     * starts in the Parse string (for error positions), and its parameters' type OIDs
     * (declared or inferred).
     */
    record Prepared(dev.cutaway.sql.engine.Prepared engine, int offset, int[] paramOids) {
        boolean empty() {
            return engine == null;
        }
    }

    /** A bound portal; {@code result} is null until it runs, {@code sent} rows went out. */
    static final class Portal {
        final Prepared prepared;
        final List<String> params;
        final int[] resultFormats;
        Result result;
        int sent;

        Portal(Prepared prepared, List<String> params, int[] resultFormats) {
            this.prepared = prepared;
            this.params = params;
            this.resultFormats = resultFormats;
        }
    }

    private final Session session;
    private final BackendWriter out;
    private final SessionSettings settings;
    private final StatementGuard guard;
    private final PgServer server;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private boolean skipping;

    ExtendedQuery(Session session, BackendWriter out, SessionSettings settings,
            StatementGuard guard, PgServer server) {
        this.session = session;
        this.out = out;
        this.settings = settings;
        this.guard = guard;
        this.server = server;
    }

    boolean skippingToSync() {
        return skipping;
    }

    /** Parse, Bind, Describe, Execute or Close; an error switches to skipping. */
    void handle(FrameReader.Frame f) throws IOException, ProtocolException {
        try {
            switch (f.type()) {
                case 'P' -> parse(f.body());
                case 'B' -> bind(f.body());
                case 'D' -> describe(f.body());
                case 'E' -> execute(f.body());
                case 'C' -> close(f.body());
                default -> throw new IllegalStateException("not extended: " + f.type());
            }
        } catch (SqlException e) {
            out.fields('E', ErrorFields.of(e, 0));
            skipping = true;
        } catch (ProtocolException e) {
            if (e.sqlState().equals("08P01") || e.sqlState().equals("54000")) {
                throw e;
            }
            out.fields('E', ErrorFields.of("ERROR", e.sqlState(), e.getMessage()));
            skipping = true;
        }
    }

    /** Sync: ends skipping; outside a block, drops every portal. */
    void sync() {
        skipping = false;
        if (!session.inTransaction()) {
            portals.clear();
        }
    }

    private void parse(MessageBody b) throws IOException, ProtocolException {
        String name = b.cstring();
        String sql = b.cstring();
        int n = b.count16(65_535 / 2);
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) {
            oids[i] = b.int32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new SqlException("42P05", "prepared statement \"" + name
                    + "\" already exists");
        }
        statements.put(name, prepare(sql, oids));
        out.empty('1');
    }

    private Prepared prepare(String sql, int[] declaredOids) {
        List<String> parts = Parser.splitScript(sql);
        if (parts.size() > 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement");
        }
        if (parts.isEmpty()) {
            return new Prepared(null, 0, declaredOids);
        }
        String text = parts.get(0);
        int offset = sql.indexOf(text);
        List<SqlType> declared = new ArrayList<>();
        for (int oid : declaredOids) {
            TypeId id = oid == 0 ? null : TypeId.byOid(oid);
            declared.add(id == null ? SqlType.UNKNOWN : SqlType.of(id));
        }
        dev.cutaway.sql.engine.Prepared engine;
        try {
            engine = guard.run(server, () -> session.prepare(text, declared));
        } catch (SqlException e) {
            throw e.position() > 0 ? e.at(e.position() + offset) : e;
        }
        List<SqlType> types = engine.parameterTypes();
        int[] oids = new int[Math.max(types.size(), declaredOids.length)];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = i < declaredOids.length && declaredOids[i] != 0 ? declaredOids[i]
                    : i < types.size() ? types.get(i).oid() : 25;
        }
        return new Prepared(engine, offset, oids);
    }

    private void bind(MessageBody b) throws IOException, ProtocolException {
        String portalName = b.cstring();
        String statementName = b.cstring();
        int[] paramFormats = shorts(b);
        int n = b.count16(65_535);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int length = b.int32();
            values.add(length == -1 ? null : b.bytes(length));
        }
        int[] resultFormats = shorts(b);
        Prepared p = statements.get(statementName);
        if (p == null) {
            throw new SqlException("26000", "prepared statement \"" + statementName
                    + "\" does not exist");
        }
        if (n != p.paramOids().length) {
            throw new SqlException("08P01", "bind message supplies " + n + " parameters, but"
                    + " prepared statement \"" + statementName + "\" requires "
                    + p.paramOids().length);
        }
        List<String> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(parameter(p, paramFormats, values, i));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new SqlException("42P03", "cursor \"" + portalName + "\" already exists");
        }
        portals.put(portalName, new Portal(p, params, resultFormats));
        out.empty('2');
    }

    private static String parameter(Prepared p, int[] formats, List<byte[]> values, int i)
            throws ProtocolException {
        byte[] v = values.get(i);
        if (v == null) {
            return null;
        }
        int format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0]
                : i < formats.length ? formats[i] : -1;
        if (formats.length > 1 && formats.length != values.size()) {
            throw new ProtocolException("bind message has " + formats.length
                    + " parameter formats but " + values.size() + " parameters");
        }
        return switch (format) {
            case 0 -> Connection.utf8(v);
            case 1 -> BinaryFormat.decodeToText(p.paramOids()[i], v);
            default -> throw new ProtocolException("unsupported format code: " + format);
        };
    }

    private static int[] shorts(MessageBody b) throws ProtocolException {
        int n = b.count16(65_535);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.int16();
        }
        return v;
    }

    private void describe(MessageBody b) throws IOException, ProtocolException {
        char kind = (char) b.int8();
        String name = b.cstring();
        switch (kind) {
            case 'S' -> describeStatement(name);
            case 'P' -> describePortal(name);
            default -> throw new ProtocolException("invalid DESCRIBE message subtype " + kind);
        }
    }

    private void describeStatement(String name) throws IOException {
        Prepared p = statements.get(name);
        if (p == null) {
            throw new SqlException("26000", "prepared statement \"" + name
                    + "\" does not exist");
        }
        out.parameterDescription(p.paramOids());
        describeColumns(p, new int[0]);
    }

    /** RowDescription of the statement's result columns, or NoData. */
    private void describeColumns(Prepared p, int[] formats) throws IOException {
        if (p.empty() || p.engine().resultColumns().isEmpty()) {
            out.empty('n');
            return;
        }
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (dev.cutaway.sql.engine.Prepared.ResultColumn c : p.engine().resultColumns()) {
            names.add(c.name());
            types.add(c.type());
        }
        out.rowDescription(ResultEncoder.fields(names, types, formats));
    }

    private void describePortal(String name) throws IOException {
        Portal portal = portal(name);
        Prepared p = portal.prepared;
        if (p.empty() || !p.engine().resultColumns().isEmpty()) {
            describeColumns(p, portal.resultFormats);
            return;
        }
        // Statements the engine prepares without describing (SHOW, utility statements) are
        // run now, and described by what they returned; Execute hands out that result.
        Result r = run(portal);
        if (r.hasRows()) {
            new ResultEncoder(out, settings).rowDescription(r, portal.resultFormats);
        } else {
            out.empty('n');
        }
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new SqlException("34000", "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private Result run(Portal portal) throws IOException {
        if (portal.result == null) {
            Prepared p = portal.prepared;
            try {
                portal.result = guard.run(server, () -> p.engine().executeText(portal.params));
            } catch (SqlException e) {
                throw e.position() > 0 && p.offset() > 0 ? e.at(e.position() + p.offset())
                        : e;
            }
            settings.reportChanges(out);
        }
        return portal.result;
    }

    private void execute(MessageBody b) throws IOException, ProtocolException {
        Portal portal = portal(b.cstring());
        int maxRows = b.int32();
        if (portal.prepared.empty()) {
            out.empty('I');
            return;
        }
        Result r = run(portal);
        Notices.send(session, out);
        int total = r.rows().size();
        int end = maxRows <= 0 ? total : (int) Math.min(total, (long) portal.sent + maxRows);
        new ResultEncoder(out, settings).rows(r, portal.sent, end, portal.resultFormats);
        int batch = end - portal.sent;
        portal.sent = end;
        if (end < total) {
            out.empty('s');
        } else if (r.commandTag().startsWith("SELECT ")) {
            out.commandComplete("SELECT " + batch);
        } else {
            out.commandComplete(r.commandTag());
        }
    }

    private void close(MessageBody b) throws IOException, ProtocolException {
        char kind = (char) b.int8();
        String name = b.cstring();
        switch (kind) {
            case 'S' -> statements.remove(name);
            case 'P' -> portals.remove(name);
            default -> throw new ProtocolException("invalid CLOSE message subtype " + kind);
        }
        out.empty('3');
    }
}
