package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Session;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's view of its session's settings: the ParameterStatus values reported at
 * startup (the thirteen PostgreSQL 15 sends; CLIENTS.md 0.4 says which clients need which),
 * the ones re-reported when a SET changes them, the time zone text output uses, and the
 * transaction status byte.
 *
 * <p>Fixed on purpose: {@code client_encoding} UTF8 and {@code DateStyle} "ISO, MDY" are
 * always reported as such (pgjdbc refuses any other value), whatever a client SETs.
 * {@code server_version} has a numeric prefix so that psql and pgbench pick their modern
 * catalog SQL and pgjdbc connects.
 */
final class SessionSettings {
    static final String SERVER_VERSION = "15.4 (Cutaway 0.1)";

    private final Session session;
    private final Roles.Role role;
    private final Map<String, String> lastReported = new LinkedHashMap<>();
    private String zoneText;
    private ZoneId zone = ZoneOffset.UTC;

    SessionSettings(Session session, Roles.Role role) {
        this.session = session;
        this.role = role;
    }

    /** Applies startup parameters (and {@code options=-c k=v ...}) as session settings. */
    void applyStartup(Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            switch (e.getKey()) {
                case "user", "database", "client_encoding", "DateStyle", "replication" -> { }
                case "options" -> {
                    for (String[] kv : options(e.getValue())) {
                        set(kv[0], kv[1]);
                    }
                }
                default -> set(e.getKey(), e.getValue());
            }
        }
    }

    private void set(String name, String value) {
        try {
            session.executeOne("SET \"" + name.replace("\"", "\"\"") + "\" TO '"
                    + value.replace("'", "''") + "'");
        } catch (SqlException e) {
            // PostgreSQL rejects bad startup values with FATAL; we keep the default instead.
        }
    }

    /** {@code -c name=value} pairs of a libpq {@code options} string (backslash escapes). */
    static List<String[]> options(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                w.append(text.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (!w.isEmpty()) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (!w.isEmpty()) {
            words.add(w.toString());
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String kv = word.equals("-c") && i + 1 < words.size() ? words.get(++i)
                    : word.startsWith("--") ? word.substring(2)
                    : word.startsWith("-c") ? word.substring(2) : null;
            int eq = kv == null ? -1 : kv.indexOf('=');
            if (eq > 0) {
                pairs.add(new String[] {kv.substring(0, eq).replace('-', '_'),
                        kv.substring(eq + 1)});
            }
        }
        return pairs;
    }

    /** The ParameterStatus values to send after authentication. */
    Map<String, String> reported() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("application_name", orEmpty(session.setting("application_name")));
        m.put("client_encoding", "UTF8");
        m.put("DateStyle", "ISO, MDY");
        m.put("default_transaction_read_only", "off");
        m.put("in_hot_standby", "off");
        m.put("integer_datetimes", "on");
        m.put("IntervalStyle", "postgres");
        m.put("is_superuser", role.superuser() ? "on" : "off");
        m.put("server_encoding", "UTF8");
        m.put("server_version", SERVER_VERSION);
        m.put("session_authorization", role.name());
        m.put("standard_conforming_strings", "on");
        m.put("TimeZone", timeZone());
        lastReported.putAll(m);
        return m;
    }

    /** After a statement: re-reports application_name and TimeZone if they changed. */
    void reportChanges(BackendWriter out) throws IOException {
        report(out, "application_name", orEmpty(session.setting("application_name")));
        report(out, "TimeZone", timeZone());
    }

    private void report(BackendWriter out, String name, String value) throws IOException {
        if (!value.equals(lastReported.get(name))) {
            lastReported.put(name, value);
            out.parameterStatus(name, value);
        }
    }

    private String timeZone() {
        String tz = session.setting("timezone");
        return tz == null ? "UTC" : tz;
    }

    /** The session's time zone, for timestamptz text output. */
    ZoneId zone() {
        String tz = timeZone();
        if (!tz.equals(zoneText)) {
            zoneText = tz;
            try {
                zone = tz.equalsIgnoreCase("utc") ? ZoneOffset.UTC : ZoneId.of(tz);
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
        }
        return zone;
    }

    /** ReadyForQuery's status: I idle, T in a block, E in a failed block. */
    char status() {
        return session.inFailedTransaction() ? 'E' : session.inTransaction() ? 'T' : 'I';
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
