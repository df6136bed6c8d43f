package dev.qwenwb.inference.hub;

/**
 * A moment of a download.
 *
 * @param file           the file that moved (path in the repo)
 * @param fileBytes      its bytes on disk
 * @param fileSize       its size (-1 if unknown)
 * @param doneBytes      all selected files' bytes on disk
 * @param totalBytes     all selected files' sizes
 * @param bytesPerSecond download speed over the last few seconds (0 before the first data)
 * @param etaSeconds     time left at that speed, or -1 while unknown
 * @param filesDone      files complete
 * @param filesTotal     files selected
 */
public record DownloadProgress(String file, long fileBytes, long fileSize, long doneBytes, long totalBytes,
                               double bytesPerSecond, long etaSeconds, int filesDone, int filesTotal) {

    /** @return {@code doneBytes / totalBytes} in 0..1 (1 when there is nothing to fetch) */
    public double fraction() {
        return totalBytes <= 0 ? 1.0 : Math.min(1.0, (double) doneBytes / totalBytes);
    }

    /** @return this file's fraction in 0..1, or -1 if its size is unknown */
    public double fileFraction() {
        return fileSize <= 0 ? (fileSize == 0 ? 1.0 : -1) : Math.min(1.0, (double) fileBytes / fileSize);
    }
}
