package dev.qwenwb.app.cli;

import dev.qwenwb.inference.hub.Cancellation;
import dev.qwenwb.inference.hub.HubException;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.RepoRef;
import dev.qwenwb.inference.hub.SnapshotDownloader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code download REPO_ID}: a snapshot into the Hugging Face cache (resumed, verified), its folder on the last line
 * of stdout. Exit code 2 for bad input, 1 for any other failure, with one line on stderr.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a model repo (or complete or verify it) into the Hugging Face cache, shared with",
                "Python tools; prints the snapshot folder on the last line of stdout. Interrupted downloads",
                "resume; every file is checked (size, sha256) before it appears in the snapshot."})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REPO_ID", description = "org/name or org/name@revision, e.g. Qwen/Qwen2.5-0.5B-Instruct")
    String repo;

    @Option(names = "--revision", paramLabel = "REV", description = "branch, tag or commit (default: main; ModelScope: master)")
    String revision;

    @Option(names = "--include", paramLabel = "GLOB", description = "fetch only files matching GLOB (repeatable), e.g. '*q8_0.gguf'")
    List<String> include = new ArrayList<>();

    @Option(names = "--endpoint", paramLabel = "URL", description = "a mirror or another endpoint (default: $HF_ENDPOINT, "
            + "else https://huggingface.co; ModelScope: $MODELSCOPE_DOMAIN, else https://www.modelscope.cn)")
    String endpoint;

    @Option(names = "--source", paramLabel = "hf|modelscope", description = "protocol: the Hugging Face Hub (default) or ModelScope")
    String source = "hf";

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "a hub cache folder, as HF_HUB_CACHE (default: "
            + "$HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)")
    Path cacheDir;

    @Option(names = "--token", paramLabel = "T", description = "access token (default: $HF_TOKEN, else the file "
            + "huggingface-cli login writes; ModelScope: $MODELSCOPE_API_TOKEN)")
    String token;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP(S) proxy, http://host:port (default: "
            + "$HTTPS_PROXY, else the system's)")
    String proxy;

    @Option(names = "--parallel", paramLabel = "N", description = "files at once, 1..16 (default: 4)")
    int parallel = 4;

    @Option(names = "--retries", paramLabel = "N", description = "retries of a failed file before giving up, 0..20 "
            + "(default: 5; each resumes where the last stopped, after 1 s, 2 s, 4 s, …)")
    int retries = 5;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "drop and resume a connection silent this long "
            + "(default: 20)")
    int timeout = 20;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RepoRef ref;
        SnapshotDownloader downloader;
        try {
            ref = RepoRef.parse(repo);
            if (revision != null) {
                if (ref.revision() != null && !ref.revision().equals(revision)) {
                    throw new IllegalArgumentException("--revision " + revision + " contradicts " + repo
                            + "; give the revision once");
                }
                ref = ref.withRevision(revision);
            }
            if (parallel < 1 || parallel > 16) {
                throw new IllegalArgumentException("--parallel: " + parallel + " is outside 1..16");
            }
            if (retries < 0 || retries > 20) {
                throw new IllegalArgumentException("--retries: " + retries + " is outside 0..20");
            }
            if (timeout < 1 || timeout > 3600) {
                throw new IllegalArgumentException("--timeout: " + timeout + " is outside 1..3600 seconds");
            }
            HubSettings s = HubSettings.fromEnvironment(HubSource.parse(source)).withParallelFiles(parallel);
            s = s.withTiming(java.time.Duration.ofSeconds(timeout), retries, s.backoff());
            if (endpoint != null) {
                s = s.withEndpoint(endpoint);
            }
            if (token != null) {
                s = s.withToken(token);
            }
            if (proxy != null) {
                s = s.withProxy(proxy);
            }
            if (cacheDir != null) {
                s = s.withCache(cacheDir);
            }
            include.forEach(dev.qwenwb.inference.hub.Glob::of);
            downloader = new SnapshotDownloader(s);
        } catch (IllegalArgumentException | HubException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        DownloadReporter reporter = new DownloadReporter(err, System.console() != null);
        Cancellation cancel = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> { // Ctrl-C: stop at the next chunk so the partial files end cleanly
            cancel.cancel();
            try {
                stopped.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "download-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            Path snapshot = downloader.download(ref, include, reporter, cancel);
            reporter.finish();
            err.flush();
            out.println(snapshot);
            out.flush();
            return 0;
        } catch (HubException e) {
            reporter.finish();
            err.println("error: " + e.getMessage());
            err.flush();
            return e.kind() == HubException.Kind.BAD_INPUT ? 2 : 1;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }
}
