package dev.cutaway.kv.lsm;

import dev.cutaway.io.CorruptionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to the set of live SSTables, the unit the manifest records. Payload layout: a
 * sequence of tagged fields (varints, LEB128):
 *
 * <pre>
 *   1 nextFileNumber varlong          2 checkpointLsn varlong
 *   3 removed: level varint · number varlong
 *   4 added:   level varint · number varlong · size varlong · smallest key (varint length ·
 *              bytes) · largest key (same) · seqMin varlong · seqMax varlong ·
 *              entryCount varlong · tombstoneCount varlong
 * </pre>
 *
 * A value of -1 for nextFileNumber or checkpointLsn means "unchanged" (the tag is omitted).
 */
record VersionEdit(long nextFileNumber, long checkpointLsn, List<Removed> removed,
                   List<Added> added) {

    record Removed(int level, long number) {}

    record Added(int level, SstMeta meta) {}

    VersionEdit {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    byte[] encode() {
        ByteSink s = new ByteSink(64);
        if (nextFileNumber >= 0) {
            s.putVarInt(1);
            s.putVarLong(nextFileNumber);
        }
        if (checkpointLsn >= 0) {
            s.putVarInt(2);
            s.putVarLong(checkpointLsn);
        }
        for (Removed r : removed) {
            s.putVarInt(3);
            s.putVarInt(r.level());
            s.putVarLong(r.number());
        }
        for (Added a : added) {
            SstMeta m = a.meta();
            s.putVarInt(4);
            s.putVarInt(a.level());
            s.putVarLong(m.number());
            s.putVarLong(m.sizeBytes());
            s.putBytes(m.smallestKey());
            s.putBytes(m.largestKey());
            s.putVarLong(m.seqMin());
            s.putVarLong(m.seqMax());
            s.putVarLong(m.entryCount());
            s.putVarLong(m.tombstoneCount());
        }
        return s.toByteArray();
    }

    static VersionEdit decode(Path file, long offset, byte[] payload) throws CorruptionException {
        Decoder d = new Decoder(file, offset, payload);
        long next = -1;
        long checkpoint = -1;
        List<Removed> removed = new ArrayList<>();
        List<Added> added = new ArrayList<>();
        while (d.at < payload.length) {
            int tag = (int) d.varLong();
            switch (tag) {
                case 1 -> next = d.varLong();
                case 2 -> checkpoint = d.varLong();
                case 3 -> removed.add(new Removed((int) d.varLong(), d.varLong()));
                case 4 -> {
                    int level = (int) d.varLong();
                    SstMeta m = new SstMeta(d.varLong(), d.varLong(), d.bytes(), d.bytes(),
                            d.varLong(), d.varLong(), d.varLong(), d.varLong());
                    added.add(new Added(level, m));
                }
                default -> throw new CorruptionException(file, offset,
                        "manifest edit has unknown tag " + tag);
            }
        }
        return new VersionEdit(next, checkpoint, removed, added);
    }

    /** Reads varints and byte strings, reporting overruns as corruption. */
    private static final class Decoder {
        private final Path file;
        private final long offset;
        private final byte[] b;
        int at;

        Decoder(Path file, long offset, byte[] b) {
            this.file = file;
            this.offset = offset;
            this.b = b;
        }

        long varLong() throws CorruptionException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= b.length) {
                    throw new CorruptionException(file, offset, "manifest edit truncated");
                }
                byte x = b[at++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new CorruptionException(file, offset, "manifest edit has an overlong varint");
        }

        byte[] bytes() throws CorruptionException {
            long n = varLong();
            if (n < 0 || n > b.length - at) {
                throw new CorruptionException(file, offset, "manifest key length " + n
                        + " exceeds the record");
            }
            byte[] out = java.util.Arrays.copyOfRange(b, at, at + (int) n);
            at += (int) n;
            return out;
        }
    }
}
