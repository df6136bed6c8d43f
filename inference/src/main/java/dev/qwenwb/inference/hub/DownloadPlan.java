package dev.qwenwb.inference.hub;

import java.util.List;

/**
 * What a download is about to do.
 *
 * @param repoId     {@code org/name}
 * @param revision   the revision asked for
 * @param commit     the commit it resolved to
 * @param snapshot   the snapshot folder the files will appear in
 * @param files      the files selected (after {@code --include})
 * @param totalBytes all selected files' sizes (unknown sizes count 0)
 * @param haveBytes  bytes already on disk (complete files and partial downloads)
 */
public record DownloadPlan(String repoId, String revision, String commit, java.nio.file.Path snapshot,
                           List<PlannedFile> files, long totalBytes, long haveBytes) {

    /** Copies the list. */
    public DownloadPlan {
        files = List.copyOf(files);
    }

    /** @return bytes still to fetch */
    public long missingBytes() {
        return Math.max(0, totalBytes - haveBytes);
    }

    /**
     * One selected file.
     *
     * @param path  path in the repo
     * @param size  bytes (-1 if unknown)
     * @param have  bytes on disk already (the whole file, or a partial download's length)
     * @param state present (to verify), partial (to resume) or missing
     */
    public record PlannedFile(String path, long size, long have, State state) {
    }

    /** Where a file stands before the download. */
    public enum State {
        /** In the cache: verified, not downloaded. */
        PRESENT,
        /** A partial download exists: resumed with a Range request. */
        PARTIAL,
        /** Not on disk. */
        MISSING
    }
}
