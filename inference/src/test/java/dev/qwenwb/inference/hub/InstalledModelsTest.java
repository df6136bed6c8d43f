package dev.qwenwb.inference.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.SafetensorsFile;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubCaches;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache written the way huggingface_hub writes it is listed, resolves through refs/ and loads. */
class InstalledModelsTest {

    static final String C1 = "7ae557604adf67be50417f59c2c2f167def9a775";
    static final String C2 = "aaaa557604adf67be50417f59c2c2f167def9a77";

    @TempDir
    Path tmp;

    @Test
    void aHuggingFaceCacheIsListedResolvedAndLoads() throws Exception {
        Path cacheDir = tmp.resolve("hub");
        Path tiny = TinyModels.tiny(TensorDType.F32);
        Path snap = HubCaches.writeRepo(cacheDir, "Qwen/Qwen2.5-Coder-0.5B-Instruct", C1, tiny, "main");
        Files.createDirectories(cacheDir.resolve("datasets--openai--humaneval/snapshots"));
        Files.createDirectories(cacheDir.resolve(".locks"));
        HubCache cache = new HubCache(cacheDir);

        List<InstalledModel> all = InstalledModels.scan(cache, List.of());
        assertThat(all).hasSize(1);
        InstalledModel m = all.get(0);
        assertThat(m.repoId()).isEqualTo("Qwen/Qwen2.5-Coder-0.5B-Instruct");
        assertThat(m.commit()).isEqualTo(C1);
        assertThat(m.refs()).containsExactly("main");
        assertThat(m.path()).isEqualTo(snap);
        assertThat(m.source()).isEqualTo("cache");
        assertThat(m.summary().format()).isEqualTo(ModelFormat.SAFETENSORS);
        assertThat(m.summary().architecture()).isEqualTo("Qwen2ForCausalLM");
        long exact;
        try (SafetensorsFile f = SafetensorsFile.open(tiny.resolve("model.safetensors"))) {
            exact = f.names().stream().mapToLong(n -> f.info(n).elementCount()).sum();
        }
        assertThat(m.summary().parameters()).isEqualTo(exact);
        long bytes;
        try (Stream<Path> files = Files.list(tiny)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(m.sizeOnDisk()).isEqualTo(bytes);
        assertThat(m.spec()).isEqualTo("Qwen/Qwen2.5-Coder-0.5B-Instruct");

        assertThat(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct", cache)).contains(snap);
        assertThat(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct@main", cache)).contains(snap);
        assertThat(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct@" + C1, cache)).contains(snap);
        assertThat(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct@7ae5576", cache)).contains(snap);
        assertThat(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct@v2", cache)).isEmpty();
        assertThat(InstalledModels.resolve("Qwen/Other", cache)).isEmpty();
        assertThatThrownBy(() -> InstalledModels.require("Qwen/Other", cache))
                .hasMessageContaining("Qwen/Other is not installed").hasMessageContaining(cacheDir.toString());

        try (DjlModel model = DjlModel.load(InstalledModels.resolve("Qwen/Qwen2.5-Coder-0.5B-Instruct", cache)
                .orElseThrow(), EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")))) {
            assertThat(model.info().toString()).isNotEmpty();
        }
    }

    @Test
    void theEstimateFromConfigMatchesTheExactCount() throws Exception {
        Path tiny = TinyModels.tiny(TensorDType.F32, false, 7);
        long exact;
        try (SafetensorsFile f = SafetensorsFile.open(tiny.resolve("model.safetensors"))) {
            exact = f.names().stream().mapToLong(n -> f.info(n).elementCount()).sum();
        }
        assertThat(ModelSummary.estimate(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tiny.resolve("config.json").toFile()))).isEqualTo(exact);
    }

    @Test
    void importedFoldersAndGgufFilesAreListed() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("my-gguf"));
        Files.write(folder.resolve("qwen2.5-0.5b-instruct-q8_0.gguf"), gguf("qwen2", new long[][] {{64, 100}, {64}}));
        List<InstalledModel> all = InstalledModels.scan(new HubCache(tmp.resolve("empty-cache")),
                List.of(folder, tmp.resolve("gone")));
        assertThat(all).hasSize(1);
        InstalledModel m = all.get(0);
        assertThat(m.inCache()).isFalse();
        assertThat(m.source()).isEqualTo("folder");
        assertThat(m.summary().format()).isEqualTo(ModelFormat.GGUF);
        assertThat(m.summary().architecture()).isEqualTo("qwen2");
        assertThat(m.summary().parameters()).isEqualTo(64 * 100 + 64);
        assertThat(m.summary().ggufFiles()).containsExactly("qwen2.5-0.5b-instruct-q8_0.gguf");
        assertThatThrownBy(() -> InstalledModels.delete(new HubCache(tmp), m)).hasMessageContaining("imported folder");
        assertThat(folder).exists();
    }

    @Test
    void deletingASnapshotKeepsBlobsAnotherSnapshotUses() throws Exception {
        Path cacheDir = tmp.resolve("hub");
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.writeString(a.resolve("config.json"), "{\"architectures\":[\"Qwen2ForCausalLM\"]}");
        Files.writeString(a.resolve("README.md"), "old");
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("config.json"), "{\"architectures\":[\"Qwen2ForCausalLM\"]}");
        Files.writeString(b.resolve("README.md"), "new");
        HubCaches.writeRepo(cacheDir, "acme/m", C1, a, "v1");
        HubCaches.writeRepo(cacheDir, "acme/m", C2, b, "main");
        HubCache cache = new HubCache(cacheDir);
        List<InstalledModel> all = InstalledModels.scan(cache, List.of());
        assertThat(all).extracting(InstalledModel::commit).containsExactly(C1, C2);
        Path blobs = cacheDir.resolve("models--acme--m/blobs");
        try (Stream<Path> s = Files.list(blobs)) {
            assertThat(s.count()).isEqualTo(3);
        }

        InstalledModels.delete(cache, all.get(0));
        assertThat(cacheDir.resolve("models--acme--m/snapshots/" + C1)).doesNotExist();
        assertThat(cacheDir.resolve("models--acme--m/refs/v1")).doesNotExist();
        assertThat(blobs.resolve(Digests.sha256(a.resolve("README.md")))).doesNotExist();
        assertThat(blobs.resolve(Digests.sha256(a.resolve("config.json")))).exists(); // shared with C2
        assertThat(InstalledModels.resolve("acme/m", cache)).isPresent();

        InstalledModels.delete(cache, InstalledModels.scan(cache, List.of()).get(0));
        assertThat(cacheDir.resolve("models--acme--m")).doesNotExist();
        assertThat(InstalledModels.scan(cache, List.of())).isEmpty();
    }

    @Test
    void theCacheFolderFollowsHuggingFaceHubsVariables() {
        String home = System.getProperty("user.home");
        assertThat(HubCache.defaultRoot(java.util.Map.of())).isEqualTo(Path.of(home, ".cache/huggingface/hub"));
        assertThat(HubCache.defaultRoot(java.util.Map.of("XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubCache.defaultRoot(java.util.Map.of("HF_HOME", "/h", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/h/hub"));
        assertThat(HubCache.defaultRoot(java.util.Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h")))
                .isEqualTo(Path.of("/c"));
        // ~ is $HOME, as huggingface_hub's expanduser reads it, not the JVM's user.home (the password database)
        assertThat(HubCache.defaultRoot(java.util.Map.of("HOME", "/home/other")))
                .isEqualTo(Path.of("/home/other/.cache/huggingface/hub"));
        assertThat(HubCache.defaultRoot(java.util.Map.of("HOME", "/home/other", "HF_HOME", "~/hf")))
                .isEqualTo(Path.of("/home/other/hf/hub"));
        assertThat(HubCache.defaultRoot(java.util.Map.of("HOME", "/home/other", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/x/huggingface/hub"));
    }

    /** A minimal GGUF v3 header: general.architecture, one array to skip, tensor infos with the given shapes. */
    static byte[] gguf(String arch, long[][] shapes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46554747).putInt(3).putLong(shapes.length).putLong(2);
        str(b, "general.architecture");
        b.putInt(8);
        str(b, arch);
        str(b, "tokenizer.ggml.tokens");
        b.putInt(9).putInt(8).putLong(2);
        str(b, "a");
        str(b, "b");
        for (int i = 0; i < shapes.length; i++) {
            str(b, "t" + i);
            b.putInt(shapes[i].length);
            for (long d : shapes[i]) {
                b.putLong(d);
            }
            b.putInt(0).putLong(0);
        }
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }

    private static void str(ByteBuffer b, String s) {
        byte[] x = s.getBytes(StandardCharsets.UTF_8);
        b.putLong(x.length).put(x);
    }

    @Test
    void repoIdsAreCheckedAndTellPathsApart() {
        assertThat(RepoRef.parse("Qwen/Qwen2.5-0.5B-Instruct@v1.0")).isEqualTo(new RepoRef("Qwen/Qwen2.5-0.5B-Instruct", "v1.0"));
        assertThat(RepoRef.looksLikeRepo("Qwen/Qwen2.5-0.5B-Instruct")).isTrue();
        assertThat(RepoRef.looksLikeRepo("/models/qwen")).isFalse();
        assertThat(RepoRef.looksLikeRepo("models/qwen.gguf")).isFalse();
        assertThat(RepoRef.looksLikeRepo("./qwen")).isFalse();
        assertThatThrownBy(() -> RepoRef.parse("Qwen/../etc")).hasMessageContaining("not a repository id");
        assertThatThrownBy(() -> RepoRef.parse("a/b/c")).hasMessageContaining("expected org/name");
        assertThatThrownBy(() -> RepoRef.parse("Qwen/x@")).hasMessageContaining("not a revision");
        assertThat(RandomModelWriter.tinyConfig()).isNotNull();
    }
}
