package dev.cutaway.log;

import java.nio.file.Path;

/**
 * What {@link WriteAheadLog#open} found on disk.
 *
 * @param firstLsn first LSN in the log
 * @param lastLsn last intact record's LSN (firstLsn - 1 if the log holds no record)
 * @param segments segment files after recovery
 * @param tornTail whether a torn or unfinished tail was cut off (an expected crash outcome)
 * @param tailFile the file where the tail was cut, or null
 * @param tailOffset byte offset in {@code tailFile} where the first bad record began, or -1
 * @param tailReason what was wrong with it, or null
 * @param bytesDiscarded bytes truncated or deleted
 */
public record RecoveryReport(long firstLsn, long lastLsn, int segments, boolean tornTail,
                             Path tailFile, long tailOffset, String tailReason,
                             long bytesDiscarded) {

    @Override
    public String toString() {
        String records = lastLsn < firstLsn
                ? "no records (next LSN " + firstLsn + ")"
                : "LSNs " + firstLsn + ".." + lastLsn;
        String head = "log recovered: " + records + " in " + segments
                + (segments == 1 ? " segment" : " segments");
        if (!tornTail) {
            return head + "; clean tail";
        }
        return head + "; torn tail cut at " + tailFile + " offset " + tailOffset + " ("
                + tailReason + "), " + bytesDiscarded + " bytes discarded";
    }
}
