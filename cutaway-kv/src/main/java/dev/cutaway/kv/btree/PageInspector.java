package dev.cutaway.kv.btree;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code cutaway inspect pages FILE}: prints a B+tree file page by page, like PostgreSQL's
 * pageinspect. First both meta pages (valid or why not), then one line per page below the page
 * count (id, type, level, cells, free bytes, fill %, LSN), a summary per level, and the free
 * pages. A corrupt page is reported on its line and the dump goes on; a file that is not a
 * Cutaway B+tree (no valid meta) is a {@link CorruptionException} with a one-line message.
 */
public final class PageInspector {
    private PageInspector() {}

    public static void dump(FileSystem fs, Path file, PrintWriter out) throws IOException {
        try (FileHandle handle = fs.openReadOnly(file)) {
            MetaPage.Slots slots = MetaPage.read(handle);
            MetaPage.Meta meta = MetaPage.newestOrThrow(slots, file);
            int pageSize = meta.pageSizeBytes();
            out.printf("file %s: page size %d bytes, %d bytes on disk%n", file, pageSize,
                    handle.size());
            for (int slot = 0; slot < 2; slot++) {
                MetaPage.Meta m = slots.slot(slot);
                if (m == null) {
                    out.printf("meta %d: INVALID (%s)%n", slot, slots.problem(slot));
                } else {
                    out.printf("meta %d: valid%s seq=%d lsn=%d root=%d height=%d pages=%d "
                            + "free=%d entries=%d overflow_pages=%d%n", slot,
                            m == meta ? " (current)" : "", m.sequence(), m.checkpointLsn(),
                            m.rootPageId(), m.height(), m.pageCount(), m.freeCount(),
                            m.entryCount(), m.overflowPages());
                }
            }
            PageFile pageFile = new PageFile(handle, pageSize);
            BitSet free = new BitSet();
            try {
                FreeListChain.walk(pageFile, meta, id -> { }, id -> free.set((int) id));
            } catch (CorruptionException e) {
                out.println("free list: CORRUPT: " + e.getMessage());
            }
            dumpPages(pageFile, meta, free, out);
        }
        out.flush();
    }

    private static void dumpPages(PageFile pageFile, MetaPage.Meta meta, BitSet free,
            PrintWriter out) throws IOException {
        int pageSize = meta.pageSizeBytes();
        int usable = PageFormat.usableBytes(pageSize);
        byte[] p = new byte[pageSize];
        TreeMap<Integer, long[]> levels = new TreeMap<>(); // level -> {pages, used bytes}
        List<Long> corrupt = new ArrayList<>();
        out.printf("%8s  %-9s %5s %6s %10s %6s %10s%n", "page", "type", "level", "cells",
                "free_bytes", "fill%", "lsn");
        for (long id = 2; id < meta.pageCount(); id++) {
            if (free.get((int) id)) {
                out.printf("%8d  free%n", id);
                continue;
            }
            String problem;
            try {
                pageFile.readRaw(id, p);
                problem = PageFormat.problem(p, id);
            } catch (CorruptionException e) {
                problem = "page " + id + " is past the end of the file";
            }
            if (problem != null) {
                out.printf("%8d  CORRUPT: %s%n", id, problem);
                corrupt.add(id);
                continue;
            }
            byte type = PageFormat.type(p);
            if (type == PageFormat.TYPE_LEAF || type == PageFormat.TYPE_INTERNAL) {
                int used = NodePage.usedBytes(p);
                out.printf("%8d  %-9s %5d %6d %10d %6.1f %10d%n", id, PageFormat.typeName(type),
                        PageFormat.level(p), NodePage.count(p), NodePage.freeTotal(p),
                        100.0 * used / usable, PageFormat.lsn(p));
                long[] sum = levels.computeIfAbsent(PageFormat.level(p), k -> new long[2]);
                sum[0]++;
                sum[1] += used;
            } else {
                int cells = type == PageFormat.TYPE_FREE_LIST
                        ? PageFormat.u16(p, PageFormat.COUNT_OFFSET) : 0;
                out.printf("%8d  %-9s %5s %6d %10s %6s %10d%n", id, PageFormat.typeName(type),
                        "-", cells, "-", "-", PageFormat.lsn(p));
            }
        }
        for (var e : levels.descendingMap().entrySet()) {
            long[] sum = e.getValue();
            out.printf("level %d: %d pages, average fill %.1f%%%n", e.getKey(), sum[0],
                    100.0 * sum[1] / (sum[0] * (double) usable));
        }
        out.printf("free pages (%d):", free.cardinality());
        for (int i = free.nextSetBit(0); i >= 0; i = free.nextSetBit(i + 1)) {
            out.print(" " + i);
        }
        out.println();
        if (!corrupt.isEmpty()) {
            out.println(corrupt.size() + " corrupt page(s): " + corrupt);
        }
    }
}
