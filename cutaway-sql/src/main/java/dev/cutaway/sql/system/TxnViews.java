package dev.cutaway.sql.system;

import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.TxnStats;
import dev.cutaway.txn.TxnStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The {@code cutaway.*} views over the transaction layer: open transactions
 * ({@code transactions}), row locks held and waited for ({@code locks}) and the layer's
 * counters ({@code transaction_stats}). Columns are documented in docs/system-views.md.
 *
 * <p>Lock keys are user keys of the KV store; their first tuple element is the id of the
 * relation (table or index) they belong to (ADR 0013), which is mapped to its name through
 * the catalog the statement's transaction sees, and the rest of the key is shown decoded as
 * a tuple ({@code (42)}, {@code ('alice', 7)}).
 */
final class TxnViews {
    private TxnViews() {}

    static void registerAll(SystemTables registry, TxnStore store) {
        registry.register(transactions(store));
        registry.register(locks(store));
        registry.register(transactionStats(store));
    }

    private static SystemTable transactions(TxnStore store) {
        return SystemTable.of(CutawayViews.SCHEMA, "transactions",
                "the transactions open now: isolation, snapshot, age, what they wait for",
                cx -> transactionRows(store, cx),
                "txn_id", SqlType.BIGINT, "isolation", SqlType.TEXT,
                "read_only", SqlType.BOOLEAN, "state", SqlType.TEXT,
                "snapshot", SqlType.TEXT, "age_ms", SqlType.BIGINT,
                "waiting", SqlType.BOOLEAN, "waiting_for", SqlType.TEXT,
                "is_current", SqlType.BOOLEAN);
    }

    private static List<Object[]> transactionRows(TxnStore store, ExecContext cx) {
        TxnStats stats = store.stats();
        Map<Long, TreeSet<Long>> waitsFor = new HashMap<>();
        for (TxnStats.LockWait w : stats.lockWaits()) {
            waitsFor.computeIfAbsent(w.waiterId(), k -> new TreeSet<>()).addAll(w.holderIds());
        }
        long current = cx.txn() == null ? -1 : cx.txn().id();
        List<Object[]> rows = new ArrayList<>();
        for (TxnStats.ActiveTxn t : stats.active()) {
            TreeSet<Long> holders = waitsFor.get(t.id());
            rows.add(new Object[] {t.id(), isolationName(t.isolation()), t.readOnly(),
                t.status(), String.valueOf(t.snapshot()), t.ageMillis(), t.waiting(),
                holders == null ? null : joined(holders), t.id() == current});
        }
        rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        return rows;
    }

    private static String isolationName(Object isolation) {
        return isolation.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String joined(Iterable<Long> ids) {
        StringJoiner j = new StringJoiner(", ");
        ids.forEach(id -> j.add(Long.toString(id)));
        return j.toString();
    }

    private static SystemTable locks(TxnStore store) {
        return SystemTable.of(CutawayViews.SCHEMA, "locks",
                "row locks: held (granted) and waited for, with the relation and key",
                cx -> lockRows(store, cx),
                "relation", SqlType.TEXT, "key", SqlType.TEXT, "txn_id", SqlType.BIGINT,
                "mode", SqlType.TEXT, "granted", SqlType.BOOLEAN, "waited_ms", SqlType.BIGINT,
                "blocked_by", SqlType.TEXT);
    }

    private static List<Object[]> lockRows(TxnStore store, ExecContext cx) {
        Map<Long, String> names = relationNames(cx);
        List<TxnStats.Lock> locks = store.locks();
        Map<String, List<Long>> holdersByKey = new HashMap<>();
        for (TxnStats.Lock l : locks) {
            if (l.granted()) {
                holdersByKey.computeIfAbsent(HexFormat.of().formatHex(l.key()),
                        k -> new ArrayList<>()).add(l.txnId());
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (TxnStats.Lock l : locks) {
            List<Object> key = decode(l.key());
            String relation = null;
            if (key != null && !key.isEmpty() && key.getFirst() instanceof Long id) {
                relation = id == 0 ? "(catalog)" : names.getOrDefault(id, "relation " + id);
            }
            String keyText = keyText(key, l.key());
            if (isTableLock(key)) {   // (0, 'rel', schema, name): a table lock (ADR 0036)
                relation = key.get(2) + "." + key.get(3);
                keyText = "(table)";
            }
            List<Long> holders = holdersByKey.get(HexFormat.of().formatHex(l.key()));
            rows.add(new Object[] {relation, keyText, l.txnId(),
                l.mode().name().toLowerCase(Locale.ROOT), l.granted(),
                l.granted() ? null : l.waitedMillis(),
                l.granted() || holders == null ? null : joined(holders)});
        }
        return rows;
    }

    /** Whether a decoded lock key is a relation's catalog key, which table locks use. */
    private static boolean isTableLock(List<Object> key) {
        return key != null && key.size() == 4 && Long.valueOf(0).equals(key.getFirst())
                && "rel".equals(key.get(1));
    }

    private static List<Object> decode(byte[] key) {
        try {
            return TupleEncoding.decode(key);
        } catch (RuntimeException e) {
            return null;  // not a tuple: shown as hex
        }
    }

    /** The key without its relation id, as a tuple: {@code (42)}, {@code ('a', 7)}. */
    private static String keyText(List<Object> key, byte[] raw) {
        if (key == null || key.isEmpty()) {
            return "\\x" + HexFormat.of().formatHex(raw);
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Object o : key.subList(1, key.size())) {
            j.add(switch (o) {
                case null -> "NULL";
                case String s -> "'" + s.replace("'", "''") + "'";
                case byte[] b -> "\\x" + HexFormat.of().formatHex(b);
                default -> o.toString();
            });
        }
        return j.toString();
    }

    /**
     * Table and index ids to {@code schema.name} (an index's name entry in the catalog is not
     * used: a primary key's shares its table's id).
     */
    private static Map<Long, String> relationNames(ExecContext cx) {
        Map<Long, String> names = new HashMap<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                names.put(t.id(), t.schema() + "." + t.name());
                for (IndexDesc i : t.indexes()) {
                    names.put(i.id(), t.schema() + "." + i.name());
                }
            }
        }
        return names;
    }

    private static SystemTable transactionStats(TxnStore store) {
        return SystemTable.of(CutawayViews.SCHEMA, "transaction_stats",
                "counters of the transaction layer: commits, aborts by reason, locks, SSI, GC",
                cx -> statRows(store.stats()),
                "counter", SqlType.TEXT, "value", SqlType.BIGINT);
    }

    private static List<Object[]> statRows(TxnStats s) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"begun", s.begun()});
        rows.add(new Object[] {"committed", s.committed()});
        rows.add(new Object[] {"rolled_back", s.rolledBack()});
        rows.add(new Object[] {"active", (long) s.active().size()});
        rows.add(new Object[] {"lock_waits_now", (long) s.lockWaits().size()});
        s.abortsByReason().forEach((k, v) -> rows.add(new Object[] {"aborts." + k, v}));
        s.counters().forEach((k, v) -> rows.add(new Object[] {k, v}));
        rows.add(new Object[] {"gc.passes", s.gc().passes()});
        rows.add(new Object[] {"gc.versions_scanned", s.gc().versionsScanned()});
        rows.add(new Object[] {"gc.versions_removed", s.gc().versionsRemoved()});
        rows.add(new Object[] {"gc.keys_scanned", s.gc().keysScanned()});
        rows.add(new Object[] {"gc.prunes", s.gc().prunes()});
        rows.add(new Object[] {"gc.keys_pruned", s.gc().keysPruned()});
        rows.add(new Object[] {"gc.keys_recorded", s.gc().keysRecorded()});
        return rows;
    }
}
