package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubTestServer;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download} and {@code models} against a Hub on loopback, in-process. */
class DownloadCommandTest {

    static final String REPO = "Qwen/Qwen2.5-0.5B-Instruct";

    @TempDir
    Path tmp;
    HubTestServer server;
    String commit;
    Path cache;

    @BeforeEach
    void serve() throws Exception {
        server = HubTestServer.start();
        commit = server.addRepo(REPO, TinyModels.tiny(TensorDType.F16));
        cache = tmp.resolve("hub");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    CommandLineTest.Run download(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("download", REPO, "--endpoint", server.endpoint(),
                "--cache-dir", cache.toString(), "--token", "hf_cli"));
        args.addAll(List.of(extra));
        return CommandLineTest.run(args.toArray(new String[0]));
    }

    static String lastLine(String s) {
        String[] lines = s.strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void downloadPrintsTheSnapshotFolderAndTheSnapshotGenerates() throws Exception {
        CommandLineTest.Run r = download();
        assertThat(r.code()).as(r.err()).isZero();
        Path snap = Path.of(lastLine(r.out()));
        assertThat(snap).isEqualTo(cache.resolve("models--Qwen--Qwen2.5-0.5B-Instruct/snapshots/" + commit));
        assertThat(r.err()).contains(REPO + "@main (commit " + commit.substring(0, 7) + "): 5 files")
                .contains("downloaded model.safetensors").doesNotContain("\r");
        assertThat(server.requests()).filteredOn(q -> q.server().equals("cdn")).allMatch(q -> q.authorization() == null);

        CommandLineTest.Run g = CommandLineTest.run("generate", "--model", snap.toString(), "--ids", "9707,1879",
                "--greedy", "--max-tokens", "2", "--json");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.json().get("token_ids").size()).isBetween(1, 2);
    }

    @Test
    void aFailedRunResumesWhenRunAgainAndAThirdRunOnlyVerifies() throws Exception {
        long size = server.files(REPO).get("model.safetensors").size();
        server.dropConnection("model.safetensors", size / 2, 1);
        CommandLineTest.Run failed = download("--retries", "0");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(lastLine(failed.err())).startsWith("error: ").contains("model.safetensors")
                .contains("run again to resume");
        assertThat(failed.err()).doesNotContain("\tat ");

        server.clearLog();
        CommandLineTest.Run resumed = download();
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(server.requests()).anyMatch(q -> ("bytes=" + size / 2 + "-").equals(q.range()));
        Path snap = Path.of(lastLine(resumed.out()));
        assertThat(Files.mismatch(snap.resolve("model.safetensors"),
                TinyModels.tiny(TensorDType.F16).resolve("model.safetensors"))).isEqualTo(-1L);

        server.clearLog();
        CommandLineTest.Run again = download();
        assertThat(again.code()).isZero();
        assertThat(lastLine(again.out())).isEqualTo(snap.toString());
        assertThat(again.err()).contains("all in the cache: verifying").contains("verified   model.safetensors")
                .doesNotContain("downloaded");
        assertThat(server.requests()).allMatch(q -> q.path().startsWith("/api/"));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        for (String[] args : new String[][] {
                {"download", "not/a/repo"}, {"download", REPO, "--source", "pip"},
                {"download", REPO, "--endpoint", "ftp://x"}, {"download", REPO, "--parallel", "0"},
                {"download", REPO + "@v1", "--revision", "v2"}, {"download", REPO, "--include", " "}}) {
            CommandLineTest.Run r = CommandLineTest.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aMissingRepoOrAMirrorAnsweringHtmlFailsWithOneLine() {
        CommandLineTest.Run r = CommandLineTest.run("download", "Qwen/Nope", "--endpoint", server.endpoint(),
                "--cache-dir", cache.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("error: Qwen/Nope").doesNotContain("\n");
        server.apiAnswersHtml(true);
        CommandLineTest.Run html = download();
        assertThat(html.code()).isEqualTo(1);
        assertThat(html.err().strip()).startsWith("error: ").contains("HTML page").doesNotContain("\n");
    }

    @Test
    void modelsListsWhatIsInTheCache() throws Exception {
        CommandLineTest.Run empty = CommandLineTest.run("models", "--cache-dir", cache.toString());
        assertThat(empty.out()).startsWith("no models in");
        assertThat(download().code()).isZero();
        CommandLineTest.Run table = CommandLineTest.run("models", "--cache-dir", cache.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("NAME").contains(REPO).contains("safetensors").contains("Qwen2ForCausalLM")
                .contains("main (" + commit.substring(0, 7) + ")").contains("hf " + server.endpoint());

        CommandLineTest.Run json = CommandLineTest.run("models", "--json", "--cache-dir", cache.toString());
        JsonNode m = json.json().get("models").get(0);
        assertThat(m.get("repo_id").asText()).isEqualTo(REPO);
        assertThat(m.get("commit").asText()).isEqualTo(commit);
        assertThat(m.get("refs").get(0).asText()).isEqualTo("main");
        assertThat(m.get("format").asText()).isEqualTo("safetensors");
        assertThat(m.get("parameters").asLong()).isPositive();
        long bytes;
        try (Stream<Path> files = Files.list(TinyModels.tiny(TensorDType.F16))) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(m.get("size_bytes").asLong()).isEqualTo(bytes);
        assertThat(m.get("in_cache").asBoolean()).isTrue();
    }

    @Test
    void theTerminalLineShowsBytesPercentSpeedEtaAndFiles() {
        String line = DownloadReporter.line(new dev.qwenwb.inference.hub.DownloadProgress("model.safetensors",
                500_000_000, 988_000_000, 512_000_000, 988_100_000, 12_300_000, 41, 3, 10));
        assertThat(line).isEqualTo("512.0 MB / 988.1 MB  52%  12.3 MB/s  ETA 0:41  3/10 files");
    }
}
