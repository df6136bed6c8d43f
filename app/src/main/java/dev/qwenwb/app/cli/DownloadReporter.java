package dev.qwenwb.app.cli;

import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.DownloadListener;
import dev.qwenwb.inference.hub.DownloadPlan;
import dev.qwenwb.inference.hub.DownloadProgress;
import java.io.PrintWriter;

/**
 * How {@code download} talks on stderr: on a terminal one progress line rewritten in place (bytes, percent, speed,
 * ETA, files); otherwise plain lines — the plan, each file as it completes, every tenth of the bytes, notices.
 */
final class DownloadReporter implements DownloadListener {

    private final PrintWriter err;
    private final boolean terminal;
    private int lastTenth = -1;
    private int lastWidth;

    DownloadReporter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void planned(DownloadPlan p) {
        err.println(p.repoId() + "@" + p.revision() + " (commit " + p.commit().substring(0, Math.min(7, p.commit().length()))
                + "): " + p.files().size() + " files, " + ByteSizes.human(p.totalBytes())
                + (p.missingBytes() == 0 ? ", all in the cache: verifying" : ", " + ByteSizes.human(p.missingBytes())
                + " to fetch"));
        err.flush();
    }

    @Override
    public synchronized void progress(DownloadProgress p) {
        if (terminal) {
            String line = line(p);
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            err.flush();
            return;
        }
        int tenth = (int) Math.floor(p.fraction() * 10);
        if (tenth > lastTenth && tenth < 10) {
            lastTenth = tenth;
            err.println("  " + line(p));
            err.flush();
        }
    }

    @Override
    public synchronized void fileDone(String path, long size, boolean downloaded) {
        clearLine();
        err.println("  " + (downloaded ? "downloaded " : "verified   ") + path + " (" + ByteSizes.human(size) + ")");
        err.flush();
    }

    @Override
    public synchronized void notice(String message) {
        clearLine();
        err.println("  note: " + message);
        err.flush();
    }

    /** Ends the progress line (terminal only). */
    synchronized void finish() {
        clearLine();
    }

    private void clearLine() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    /** @return e.g. {@code 512.0 MB / 988.1 MB  52%  12.3 MB/s  ETA 0:41  3/10 files} */
    static String line(DownloadProgress p) {
        return ByteSizes.human(p.doneBytes()) + " / " + ByteSizes.human(p.totalBytes()) + "  "
                + Math.round(p.fraction() * 100) + "%  " + ByteSizes.speed(p.bytesPerSecond()) + "  ETA "
                + ByteSizes.duration(p.etaSeconds()) + "  " + p.filesDone() + "/" + p.filesTotal() + " files";
    }
}
