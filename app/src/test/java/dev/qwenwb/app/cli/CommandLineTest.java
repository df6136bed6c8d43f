package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line contract other tools rely on, run in-process on the tiny random model. */
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkbenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String tiny() {
        return TinyModels.tiny(TensorDType.F32).toString();
    }

    @Test
    void tokenizePrintsTheQwenIds() throws Exception {
        Run r = run("tokenize", "--model", tiny(), "Hello world");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("{\"ids\":[9707,1879]}");
    }

    @Test
    void tokenizeChatRendersOneUserMessageWithTheGenerationPrompt() throws Exception {
        Run r = run("tokenize", "--model", tiny(), "--chat", "Hello");
        JsonNode ids = r.json().get("ids");
        assertThat(ids.get(0).asInt()).isEqualTo(151644);             // <|im_start|>
        assertThat(ids.get(ids.size() - 1).asInt()).isEqualTo(198);   // "\n" after "assistant"
        assertThat(ids.get(ids.size() - 3).asInt()).isEqualTo(151644);
        Run plain = run("tokenize", "--model", tiny(), "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. "
                + "You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n");
        assertThat(r.out()).isEqualTo(plain.out());
    }

    @Test
    void generateJsonHasTheTextIdsFinishReasonAndEveryStat() throws Exception {
        Run r = run("generate", "--model", tiny(), "--prompt", "写一个快速排序", "--max-tokens", "32", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("text").isTextual()).isTrue();
        assertThat(j.get("token_ids").size()).isBetween(1, 32);
        assertThat(j.get("finish_reason").asText()).isIn("eos", "max_tokens");
        JsonNode s = j.get("stats");
        for (String f : new String[] {"load_ms", "prompt_tokens", "ttft_ms", "decode_tokens_per_s", "peak_rss_mb"}) {
            assertThat(s.has(f)).as(f).isTrue();
        }
        assertThat(s.get("prompt_tokens").asInt()).isGreaterThan(20);
        assertThat(s.get("peak_rss_mb").asLong()).isPositive();
    }

    @Test
    void greedyGenerateFromIdsIsRepeatableAndMatchesLogits() throws Exception {
        Run a = run("generate", "--model", tiny(), "--ids", "9707,1879", "--greedy", "--max-tokens", "4", "--dtype", "f32",
                "--json");
        Run b = run("generate", "--model", tiny(), "--ids", "9707,1879", "--greedy", "--max-tokens", "4", "--dtype", "f32",
                "--json");
        assertThat(a.json().get("token_ids")).isEqualTo(b.json().get("token_ids"));
        Run logits = run("logits", "--model", tiny(), "--ids", "9707,1879", "--top", "3");
        JsonNode top = logits.json().get("top");
        assertThat(top.size()).isEqualTo(3);
        assertThat(top.get(0).get(1).asDouble()).isGreaterThanOrEqualTo(top.get(1).get(1).asDouble());
        assertThat(top.get(0).get(0).asInt()).isEqualTo(a.json().get("token_ids").get(0).asInt());
    }

    @Test
    void streamingModePrintsTheTextAndAStatsLine() {
        Run r = run("generate", "--model", tiny(), "--prompt", "hi", "--max-tokens", "8", "--seed", "7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("first token").contains("tokens/s");
    }

    @Test
    void aBadFolderIsOneClearLineOnStderr(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"architectures\":[\"LlamaForCausalLM\"]}");
        Run r = run("generate", "--model", dir.toString(), "--prompt", "hi", "--json");
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains("config.json").contains("LlamaForCausalLM")
                .doesNotContain("\tat ");
    }

    @Test
    void badIdsAreNamed() {
        Run r = run("logits", "--model", tiny(), "--ids", "1,x,3");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("'x'");
        Run big = run("logits", "--model", tiny(), "--ids", "999999");
        assertThat(big.err()).contains("999999").contains("vocabulary");
    }

    @Test
    void benchJsonHasEveryFieldOfTheContractAndTheArticlesClaims() throws Exception {
        Run r = run("bench", "--model", tiny(), "--runs", "2", "--gen-tokens", "4", "--prompt-tokens", "8",
                "--no-bandwidth", "--article", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        for (String f : new String[] {"load_s", "ttft_ms", "prefill_tokens_per_s", "decode_tokens_per_s", "itl_p50_ms",
                "itl_p99_ms", "peak_rss_mb", "weight_bytes_per_token", "effective_gb_per_s"}) {
            assertThat(j.get(f)).as(f).isNotNull();
            assertThat(j.get(f).asDouble()).as(f).isPositive();
        }
        assertThat(j.get("runs").size()).isEqualTo(2);
        assertThat(j.get("article").toString()).contains("ttft_ms").contains("120");
    }

    @Test
    void cudaWithoutAGpuSaysSo() {
        Run r = run("generate", "--model", tiny(), "--prompt", "hi", "--device", "cuda");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cuda").contains("CUDA");
    }
}
