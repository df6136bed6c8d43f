package dev.qwenwb.inference.hub;

/**
 * What a download reports. Called from the download's worker threads (several at once when files run in
 * parallel): implementations must be thread-safe and quick, e.g. hand the value to the UI thread.
 */
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /** The repo was listed and the files to fetch are known; nothing has been downloaded yet. */
    default void planned(DownloadPlan plan) {
    }

    /** Bytes arrived (at most ten times a second, and once when a file completes). */
    default void progress(DownloadProgress progress) {
    }

    /** One file is in the snapshot: downloaded and verified, or found present and verified. */
    default void fileDone(String path, long size, boolean downloaded) {
    }

    /** Something worth a line: a retry, a resume, a corrupt blob replaced, the cache used offline. */
    default void notice(String message) {
    }
}
