package dev.cutaway.sql.catalog;

import dev.cutaway.kv.Node;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.WriteBatch;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Sequence values, outside transactions as in PostgreSQL: {@code nextval} is never rolled
 * back, so concurrent inserters into a SERIAL column or a table keyed by hidden row ids never
 * conflict on the counter. Values are handed out from memory; every {@link #CACHE} values the
 * new high-water mark is written straight to the node's default space (a key below the
 * transaction layer's version keys, like its clock key) before any value beyond the old mark
 * is used. A restart resumes at the mark, so values may skip (as PostgreSQL's do after a
 * crash) but never repeat: a commit that used a value is later in the log than the mark.
 *
 * <p>Key: {@code 0x02 's' 'e' 'q'} followed by {@code TupleEncoding.encode(sequenceId)};
 * value: the tuple (last value handed out or reserved).
 */
public final class Sequences {
    /** Values reserved per log write. */
    static final int CACHE = 32;
    /** Hidden row ids reserved per log write (a gap after a restart is invisible). */
    static final int ROW_ID_CACHE = 1024;
    private static final byte[] KEY_PREFIX = {0x02, 's', 'e', 'q'};

    private record State(long next, long reservedUpTo) {}

    private final Node node;
    private final Map<Long, State> states = new HashMap<>();   // guarded by this

    public Sequences(Node node) {
        this.node = node;
    }

    private static byte[] key(long id) {
        byte[] t = TupleEncoding.encode(id);
        byte[] k = new byte[KEY_PREFIX.length + t.length];
        System.arraycopy(KEY_PREFIX, 0, k, 0, KEY_PREFIX.length);
        System.arraycopy(t, 0, k, KEY_PREFIX.length, t.length);
        return k;
    }

    /** The next value of {@code seq} (22003-like 2200H when it is exhausted and not cyclic). */
    public long next(Relation.Sequence seq) {
        return next(seq, CACHE, true);
    }

    /**
     * The next hidden row id of a table without a primary key, from {@code seq}: reserved
     * {@link #ROW_ID_CACHE} at a time, and the mark is not waited for. A row id reaches a
     * client or the disk only inside a commit of the row, which the log holds after the mark,
     * so when that commit is durable the mark is too (ADR 0038). Before, a bulk load of a
     * million rows waited for 31,250 marks, each one a log sync.
     */
    public long nextRowId(Relation.Sequence seq) {
        return next(seq, ROW_ID_CACHE, false);
    }

    private synchronized long next(Relation.Sequence seq, int cache, boolean durable) {
        State s = states.get(seq.id());
        try {
            if (s == null) {
                byte[] stored = node.get(key(seq.id()));
                long last = stored == null ? seq.start() - seq.increment()
                        : (Long) TupleEncoding.decode(stored).get(0);
                s = new State(last + seq.increment(), last);
            }
            long value = s.next();
            if (value > seq.max() || value < seq.min()) {
                if (!seq.cycle()) {
                    throw new SqlException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                            "nextval: reached maximum value of sequence \"" + seq.name()
                            + "\" (" + seq.max() + ")");
                }
                value = seq.increment() > 0 ? seq.min() : seq.max();
            }
            long reserved = s.reservedUpTo();
            boolean beyond = seq.increment() > 0 ? value > reserved : value < reserved;
            if (beyond) {
                reserved = value + (long) seq.increment() * (cache - 1);
                WriteBatch mark = new WriteBatch().put(key(seq.id()),
                        TupleEncoding.encode(reserved));
                if (durable) {
                    node.write(mark);
                } else {
                    node.writeNoWait(mark);
                }
            }
            states.put(seq.id(), new State(value + seq.increment(), reserved));
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the next value of {@code seq} to {@code next} (setval, restart). */
    public synchronized void reset(Relation.Sequence seq, long next) {
        try {
            long last = next - seq.increment();
            node.write(new WriteBatch().put(key(seq.id()), TupleEncoding.encode(last)));
            states.put(seq.id(), new State(next, last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets a dropped sequence's cached state. */
    public synchronized void forget(long id) {
        states.remove(id);
    }
}
