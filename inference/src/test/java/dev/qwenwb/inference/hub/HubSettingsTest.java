package dev.qwenwb.inference.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint, token, proxy and patterns are found as huggingface_hub / modelscope find them; explicit wins. */
class HubSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void theEndpointIsExplicitThenHfEndpointThenTheHub() {
        assertThat(HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of()).endpoint())
                .isEqualTo(URI.create("https://huggingface.co"));
        HubSettings mirror = HubSettings.fromEnvironment(HubSource.HUGGING_FACE,
                Map.of("HF_ENDPOINT", "https://hf-mirror.com/"));
        assertThat(mirror.endpoint()).isEqualTo(URI.create("https://hf-mirror.com"));
        assertThat(mirror.withEndpoint("http://127.0.0.1:8080").endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(HubSettings.fromEnvironment(HubSource.MODELSCOPE, Map.of("MODELSCOPE_DOMAIN", "www.modelscope.ai"))
                .endpoint()).isEqualTo(URI.create("https://www.modelscope.ai"));
        assertThat(HubSettings.fromEnvironment(HubSource.MODELSCOPE, Map.of()).endpoint())
                .isEqualTo(URI.create("https://www.modelscope.cn"));
        assertThatThrownBy(() -> mirror.withEndpoint("ftp://x")).hasMessageStartingWith("--endpoint: 'ftp://x'");
    }

    @Test
    void theTokenIsExplicitThenHfTokenThenTheLoginFile() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("hf"));
        Files.writeString(home.resolve("token"), "hf_from_file\n");
        assertThat(HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of("HF_HOME", home.toString())).token())
                .isEqualTo("hf_from_file");
        assertThat(HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of("HF_HOME", home.toString(),
                "HF_TOKEN", "hf_env")).token()).isEqualTo("hf_env");
        assertThat(HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of("HF_TOKEN", "hf_env"))
                .withToken("hf_flag").token()).isEqualTo("hf_flag");
        assertThat(HubSettings.fromEnvironment(HubSource.MODELSCOPE, Map.of("HF_TOKEN", "hf_env")).token()).isNull();
        assertThat(HubSettings.fromEnvironment(HubSource.HUGGING_FACE, Map.of("HF_TOKEN", "hf_secret")).toString())
                .doesNotContain("hf_secret");
    }

    @Test
    void aProxyFromTheEnvironmentSkipsLoopbackAndNoProxyHosts() {
        HubSettings s = HubSettings.fromEnvironment(HubSource.HUGGING_FACE,
                Map.of("HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", "internal.example"));
        assertThat(s.proxy().select(URI.create("https://huggingface.co/x")).get(0).type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(s.proxy().select(URI.create("http://127.0.0.1:9/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.proxy().select(URI.create("https://hub.internal.example/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThatThrownBy(() -> s.withProxy("nonsense")).hasMessageContaining("expected http://host:port");
    }

    @Test
    void includePatternsAreFnmatchPatterns() {
        assertThat(Glob.of("*.json").matches("config.json")).isTrue();
        assertThat(Glob.of("*.json").matches("onnx/config.json")).isTrue(); // '*' crosses '/', as fnmatch does
        assertThat(Glob.of("*q8_0.gguf").matches("qwen2.5-0.5b-instruct-q8_0.gguf")).isTrue();
        assertThat(Glob.of("*q8_0.gguf").matches("qwen2.5-0.5b-instruct-q4_k_m.gguf")).isFalse();
        assertThat(Glob.of("model-0000[1-2]-of-*.safetensors").matches("model-00002-of-00004.safetensors")).isTrue();
        assertThat(Glob.of("[!m]*").matches("model.safetensors")).isFalse();
        assertThat(Glob.of("onnx/").matches("onnx/model.onnx")).isTrue();
        assertThat(Glob.of("Config.json").matches("config.json")).isFalse();
        assertThat(Glob.anyMatches(List.of(), "anything")).isTrue();
    }

    @Test
    void unsafeFileNamesFromAServerAreRefused() {
        for (String bad : new String[] {"../x", "/etc/passwd", "a/../../b", "a\\b", "C:x", ""}) {
            assertThatThrownBy(() -> new RemoteFile(bad, 1, null, null)).as(bad)
                    .hasMessageContaining("not a safe relative path");
        }
        assertThat(new RemoteFile("onnx/model.onnx", 1, null, null).path()).isEqualTo("onnx/model.onnx");
    }
}
