package dev.qwenwb.inference.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubTestServer;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a Hub on loopback (real HTTP, real files): layout, resume, verification, errors. */
class SnapshotDownloaderTest {

    static final String REPO = "Qwen/Qwen2.5-0.5B-Instruct";
    static final String WEIGHTS = "model.safetensors";

    @TempDir
    Path tmp;
    HubTestServer server;
    Path source;
    String commit;
    Path cacheRoot;

    @BeforeEach
    void serveTheTinyModel() throws IOException {
        server = HubTestServer.start();
        source = TinyModels.tiny(TensorDType.F16);
        commit = server.addRepo(REPO, source);
        cacheRoot = tmp.resolve("hub");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HubSettings settings() {
        return HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of()).withEndpoint(server.endpoint())
                .withCache(cacheRoot).withTiming(Duration.ofMillis(600), 3, Duration.ofMillis(20));
    }

    /** Records what the downloader reports. */
    static final class Events implements DownloadListener {
        final List<String> notices = Collections.synchronizedList(new ArrayList<>());
        final List<DownloadProgress> progress = Collections.synchronizedList(new ArrayList<>());
        final List<String> downloaded = Collections.synchronizedList(new ArrayList<>());
        final List<String> verified = Collections.synchronizedList(new ArrayList<>());
        volatile DownloadPlan plan;

        @Override
        public void planned(DownloadPlan p) {
            plan = p;
        }

        @Override
        public void progress(DownloadProgress p) {
            progress.add(p);
        }

        @Override
        public void fileDone(String path, long size, boolean fetched) {
            (fetched ? downloaded : verified).add(path);
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    }

    Path download(HubSettings s, Events events) {
        return new SnapshotDownloader(s).download(RepoRef.parse(REPO), List.of(), events, new Cancellation());
    }

    static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Path got = actual.resolve(expected.relativize(p).toString());
                assertThat(got).as(got.toString()).exists();
                assertThat(Files.mismatch(p, got)).as(got + " differs").isEqualTo(-1L);
            }
        }
    }

    @Test
    void aSnapshotLandsInTheHubLayoutAndLoads() throws Exception {
        Events events = new Events();
        Path snap = download(settings().withToken("hf_secret"), events);

        Path repoDir = cacheRoot.resolve("models--Qwen--Qwen2.5-0.5B-Instruct");
        assertThat(snap).isEqualTo(repoDir.resolve("snapshots").resolve(commit));
        assertThat(Files.readString(repoDir.resolve("refs/main"))).isEqualTo(commit);
        assertSameFiles(source, snap);
        Map<String, HubTestServer.ServedFile> served = server.files(REPO);
        for (HubTestServer.ServedFile f : served.values()) {
            Path pointer = snap.resolve(f.path());
            String etag = f.lfs() ? f.sha256() : f.gitOid();
            assertThat(Files.isSymbolicLink(pointer)).as(f.path()).isTrue();
            assertThat(Files.readSymbolicLink(pointer).toString()).isEqualTo("../../blobs/" + etag);
            assertThat(repoDir.resolve("blobs").resolve(etag)).isRegularFile();
        }
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incomplete"));
        }
        assertThat(events.downloaded).hasSize(served.size());
        assertThat(events.plan.totalBytes()).isEqualTo(served.values().stream().mapToLong(HubTestServer.ServedFile::size).sum());
        DownloadProgress last = events.progress.get(events.progress.size() - 1);
        assertThat(last.doneBytes()).isEqualTo(last.totalBytes());
        assertThat(last.filesDone()).isEqualTo(served.size());

        // the weights came from the other host; the token went to the endpoint only
        List<HubTestServer.Request> log = server.requests();
        assertThat(log).anyMatch(r -> r.server().equals("cdn") && r.path().contains(served.get(WEIGHTS).sha256()));
        assertThat(log).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                .allMatch(r -> r.authorization() == null);
        assertThat(log).filteredOn(r -> r.server().equals("hub")).allMatch(r -> "Bearer hf_secret".equals(r.authorization()));
        assertThat(log).anyMatch(r -> r.method().equals("GET") && r.path().startsWith("/api/models/" + REPO
                + "/revision/main?blobs=true"));
        assertThat(log).anyMatch(r -> r.method().equals("HEAD") && r.path().equals("/" + REPO + "/resolve/" + commit
                + "/config.json"));

        try (DjlModel model = DjlModel.load(snap, EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")))) {
            assertThat(model.logits(new int[] {9707, 1879})).hasSize(151_936);
        }
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequest() throws Exception {
        long half = server.files(REPO).get(WEIGHTS).size() / 2;
        server.dropConnection(WEIGHTS, half, 1);
        Events events = new Events();
        Path snap = download(settings(), events);

        assertSameFiles(source, snap);
        assertThat(server.requests()).anyMatch(r -> r.server().equals("cdn") && ("bytes=" + half + "-").equals(r.range()));
        assertThat(events.notices).anyMatch(n -> n.startsWith(WEIGHTS) && n.contains("retrying"));
    }

    @Test
    void aStalledConnectionIsDroppedAndResumed() throws Exception {
        long at = server.files(REPO).get(WEIGHTS).size() / 3;
        server.stall(WEIGHTS, at, 5_000, 1);
        Events events = new Events();
        Path snap = download(settings(), events);

        assertSameFiles(source, snap);
        assertThat(server.requests()).anyMatch(r -> ("bytes=" + at + "-").equals(r.range()));
        assertThat(events.notices).anyMatch(n -> n.contains("stalled"));
    }

    @Test
    void aCancelledDownloadResumesFromItsPartialFileAfterARestart() throws Exception {
        long size = server.files(REPO).get(WEIGHTS).size();
        server.throttle(4 * 1024 * 1024);
        Cancellation cancel = new Cancellation();
        DownloadListener stopHalfway = new DownloadListener() {
            @Override
            public void progress(DownloadProgress p) {
                if (p.file().equals(WEIGHTS) && p.fileBytes() > size / 3) {
                    cancel.cancel();
                }
            }
        };
        HubSettings s = settings().withParallelFiles(1);
        assertThatThrownBy(() -> new SnapshotDownloader(s).download(RepoRef.parse(REPO), List.of(), stopHalfway, cancel))
                .isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.CANCELLED));

        CachedRepo repo = s.cache().repo(REPO);
        String etag = server.files(REPO).get(WEIGHTS).sha256();
        Path part = repo.incomplete(etag);
        assertThat(part).exists();
        long kept = Files.size(part);
        assertThat(kept).isBetween(1L, size - 1);
        assertThat(repo.pointer(commit, WEIGHTS)).doesNotExist();
        assertThat(repo.readRef("main")).isEmpty();

        server.throttle(0);
        server.clearLog();
        Events events = new Events();
        Path snap = new SnapshotDownloader(s).download(RepoRef.parse(REPO), List.of(), events, new Cancellation());
        assertSameFiles(source, snap);
        assertThat(events.plan.files()).anyMatch(f -> f.path().equals(WEIGHTS) && f.state() == DownloadPlan.State.PARTIAL
                && f.have() == kept);
        assertThat(server.requests()).filteredOn(r -> r.server().equals("cdn") && r.method().equals("GET")
                && r.path().contains(etag)).extracting(HubTestServer.Request::range).containsExactly("bytes=" + kept + "-");
        assertThat(part).doesNotExist();
    }

    @Test
    void aCorruptFileNeverAppearsInTheSnapshot() throws Exception {
        server.corrupt(WEIGHTS, true);
        HubSettings s = settings();
        assertThatThrownBy(() -> download(s, new Events()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(WEIGHTS).hasMessageContaining("sha256").hasMessageContaining("deleted")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.VERIFY));
        CachedRepo repo = s.cache().repo(REPO);
        String etag = server.files(REPO).get(WEIGHTS).sha256();
        assertThat(repo.pointer(commit, WEIGHTS)).doesNotExist();
        assertThat(repo.blob(etag)).doesNotExist();
        assertThat(repo.incomplete(etag)).doesNotExist();

        server.corrupt(WEIGHTS, false);
        assertSameFiles(source, download(s, new Events()));
    }

    @Test
    void aCompleteSnapshotIsVerifiedAndNothingIsDownloaded() throws Exception {
        HubSettings s = settings();
        download(s, new Events());
        server.clearLog();
        Events again = new Events();
        Path snap = download(s, again);

        assertThat(again.downloaded).isEmpty();
        assertThat(again.verified).hasSize(server.files(REPO).size());
        assertThat(server.requests()).allMatch(r -> r.path().startsWith("/api/"));
        assertThat(again.plan.missingBytes()).isZero();
        assertSameFiles(source, snap);
    }

    @Test
    void aBlobCorruptedOnDiskIsFoundAndFetchedAgain() throws Exception {
        HubSettings s = settings();
        Path snap = download(s, new Events());
        Path blob = snap.resolve(WEIGHTS).toRealPath();
        byte[] b = Files.readAllBytes(blob);
        b[b.length / 2] ^= 1;
        Files.write(blob, b);

        Events events = new Events();
        download(s, events);
        assertThat(events.notices).anyMatch(n -> n.startsWith(WEIGHTS) && n.contains("corrupt"));
        assertThat(events.downloaded).containsExactly(WEIGHTS);
        assertSameFiles(source, snap);
    }

    @Test
    void aServerIgnoringRangeRestartsTheFileFromZero() throws Exception {
        long third = server.files(REPO).get(WEIGHTS).size() / 3;
        server.dropConnection(WEIGHTS, third, 1);
        server.ignoreRange(WEIGHTS);
        Events events = new Events();
        Path snap = download(settings(), events);
        assertSameFiles(source, snap);
        assertThat(events.notices).anyMatch(n -> n.contains("ignored the byte range"));
    }

    @Test
    void includePatternsSelectFilesAsAllowPatternsDo() throws Exception {
        Path snap = new SnapshotDownloader(settings()).download(RepoRef.parse(REPO), List.of("*.json"),
                DownloadListener.NONE, new Cancellation());
        try (Stream<Path> files = Files.list(snap)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("config.json", "generation_config.json", "tokenizer.json",
                            "tokenizer_config.json");
        }
        assertThatThrownBy(() -> new SnapshotDownloader(settings()).download(RepoRef.parse(REPO), List.of("*.gguf"),
                DownloadListener.NONE, new Cancellation()))
                .hasMessageContaining("--include [*.gguf] matches none").hasMessageContaining("config.json")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.BAD_INPUT));
    }

    @Test
    void copiesStandInForLinksWhenLinksAreOff() throws Exception {
        Path snap = download(settings().withSymlinks(false), new Events());
        assertSameFiles(source, snap);
        assertThat(Files.isSymbolicLink(snap.resolve(WEIGHTS))).isFalse();
        Events again = new Events();
        download(settings().withSymlinks(false), again);
        assertThat(again.downloaded).isEmpty();
    }

    @Test
    void aPrivateRepoWithoutATokenSaysATokenIsNeeded() throws Exception {
        server.addRepo("acme/private", TinyModels.tokenizerDir(), "hf_right", false);
        SnapshotDownloader d = new SnapshotDownloader(settings());
        assertThatThrownBy(() -> d.download(RepoRef.parse("acme/private"), List.of(), DownloadListener.NONE,
                new Cancellation()))
                .hasMessageContaining("acme/private").hasMessageContaining("401").hasMessageContaining("HF_TOKEN")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.UNAUTHORIZED));
        assertThatThrownBy(() -> new SnapshotDownloader(settings().withToken("hf_wrong")).download(
                RepoRef.parse("acme/private"), List.of(), DownloadListener.NONE, new Cancellation()))
                .hasMessageContaining("refused the token");
        Path snap = new SnapshotDownloader(settings().withToken("hf_right")).download(RepoRef.parse("acme/private"),
                List.of(), DownloadListener.NONE, new Cancellation());
        assertThat(snap.resolve("tokenizer.json")).exists();
    }

    @Test
    void aGatedRepoSaysToAcceptItsConditions() throws Exception {
        server.addRepo("acme/gated", TinyModels.tokenizerDir(), "hf_ok", true);
        assertThatThrownBy(() -> new SnapshotDownloader(settings().withToken("hf_other")).download(
                RepoRef.parse("acme/gated"), List.of(), DownloadListener.NONE, new Cancellation()))
                .hasMessageContaining("acme/gated is gated").hasMessageContaining(server.endpoint() + "/acme/gated")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.FORBIDDEN));
    }

    @Test
    void missingReposRevisionsAndFilesAreNamed() {
        SnapshotDownloader d = new SnapshotDownloader(settings());
        assertThatThrownBy(() -> d.download(RepoRef.parse("Qwen/NoSuchModel"), List.of(), DownloadListener.NONE,
                new Cancellation())).hasMessageContaining("Qwen/NoSuchModel");
        assertThatThrownBy(() -> d.download(RepoRef.parse(REPO + "@v9"), List.of(), DownloadListener.NONE,
                new Cancellation()))
                .hasMessage(REPO + " has no revision 'v9' at 127.0.0.1")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.NOT_FOUND));
    }

    @Test
    void aMirrorAnsweringHtmlIsCalledOut() {
        server.apiAnswersHtml(true);
        assertThatThrownBy(() -> download(settings(), new Events()))
                .hasMessageContaining("HTML page").hasMessageContaining("Welcome to nginx!")
                .hasMessageContaining("HF_ENDPOINT")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.PROTOCOL));
    }

    @Test
    void notEnoughDiskSpaceStopsBeforeAnyFileIsFetched() {
        server.listSizeAs(WEIGHTS, Long.MAX_VALUE / 4);
        assertThatThrownBy(() -> download(settings(), new Events()))
                .hasMessageContaining("needs").hasMessageContaining("free")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.DISK_SPACE));
        assertThat(server.requests()).noneMatch(r -> r.path().contains("/resolve/") || r.server().equals("cdn"));
    }

    @Test
    void withoutANetworkTheCachedSnapshotIsUsedAndOtherwiseItSaysSo() throws Exception {
        HubSettings s = settings();
        Path snap = download(s, new Events());
        String deadEndpoint = server.endpoint();
        server.close();
        Events events = new Events();
        HubSettings offline = s.withEndpoint(deadEndpoint).withTiming(Duration.ofMillis(300), 0, Duration.ofMillis(1));
        assertThat(download(offline, events)).isEqualTo(snap);
        assertThat(events.notices).anyMatch(n -> n.contains("cannot reach 127.0.0.1") && n.contains("cache"));
        assertThatThrownBy(() -> new SnapshotDownloader(offline).download(RepoRef.parse("Qwen/Other"), List.of(),
                DownloadListener.NONE, new Cancellation()))
                .hasMessageStartingWith("cannot reach 127.0.0.1:")
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.NETWORK));
    }

    @Test
    void modelScopeFilesLandInTheSameLayoutVerifiedBySha256() throws Exception {
        HubSettings s = HubSettings.fromEnvironment(HubSource.MODELSCOPE, Map.of("MODELSCOPE_DOMAIN", server.endpoint()))
                .withCache(cacheRoot).withTiming(Duration.ofMillis(600), 3, Duration.ofMillis(20));
        server.dropConnection(WEIGHTS, 1000, 1);
        Path snap = new SnapshotDownloader(s).download(RepoRef.parse(REPO), List.of(), DownloadListener.NONE,
                new Cancellation());
        assertSameFiles(source, snap);
        CachedRepo repo = s.cache().repo(REPO);
        assertThat(repo.readRef("master")).contains(commit);
        for (HubTestServer.ServedFile f : server.files(REPO).values()) {
            assertThat(Files.readSymbolicLink(snap.resolve(f.path())).toString()).isEqualTo("../../blobs/" + f.sha256());
        }
        assertThat(snap.resolve(".gitattributes")).doesNotExist();
        assertThat(server.requests()).anyMatch(r -> r.path().startsWith("/api/v1/models/" + REPO
                + "/repo/files?Revision=master&Recursive=true"));
        assertThat(server.requests()).anyMatch(r -> "bytes=1000-".equals(r.range()) && r.path().contains("FilePath="
                + WEIGHTS));

        server.corrupt("config.json", true);
        Files.delete(repo.blob(server.files(REPO).get("config.json").sha256()));
        assertThatThrownBy(() -> new SnapshotDownloader(s).download(RepoRef.parse(REPO), List.of(),
                DownloadListener.NONE, new Cancellation())).hasMessageContaining("config.json")
                .hasMessageContaining("sha256");
    }
}
