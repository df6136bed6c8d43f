package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OpenAI's own Java library (com.openai:openai-java, test scope only) pointed at the server, as an IDE plug-in would. */
@Timeout(180)
class StockClientTest {

    private static DjlModel model;
    private static Recorder recorder;
    private static OpenAiServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 512, 0));
        recorder = new Recorder(model);
        server = OpenAiServer.start(recorder, ServerOptions.loopback(0).withApiKey("sk-local"));
        client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("sk-local").build();
    }

    @org.junit.jupiter.api.BeforeEach
    void clean() {
        recorder.reset();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        model.close();
    }

    @Test
    void listsTheModelStreamsAChatCompletionAndCompletesText() throws Exception {
        List<String> ids = client.models().list().data().stream().map(Model::id).collect(Collectors.toList());
        assertThat(ids).containsExactly(model.info().name());

        ChatCompletionCreateParams chat = ChatCompletionCreateParams.builder().model(model.info().name())
                .addSystemMessage("Be brief.").addUserMessage("写一个快速排序").maxCompletionTokens(6).temperature(0.0)
                .build();
        StringBuilder text = new StringBuilder();
        List<String> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                c.delta().content().ifPresent(text::append);
                c.finishReason().ifPresent(f -> finishes.add(f.asString()));
            }));
        }
        assertThat(text.toString()).isNotEmpty().isEqualTo(recorder.awaitResult(0).text());
        assertThat(finishes).hasSize(1).allMatch(f -> f.equals("length") || f.equals("stop"));

        Completion done = client.completions().create(CompletionCreateParams.builder().model(model.info().name())
                .prompt("def fibonacci(n):").maxTokens(4).temperature(0.0).build());
        assertThat(done.choices()).hasSize(1);
        assertThat(done.choices().get(0).text()).isEqualTo(recorder.awaitResult(1).text());
        assertThat(done.usage().get().completionTokens()).isEqualTo(recorder.awaitResult(1).stats().generatedTokens());
    }

    @Test
    void logprobsSeveralChoicesADeveloperMessageAndOneModelParseInTheOfficialClient() {
        String name = model.info().name();
        assertThat(client.models().retrieve(name).id()).isEqualTo(name);
        com.openai.models.chat.completions.ChatCompletion c = client.chat().completions().create(
                ChatCompletionCreateParams.builder().model(name).addDeveloperMessage("Be brief.")
                        .addUserMessage("Write quicksort").maxCompletionTokens(4).temperature(0.0).logprobs(true)
                        .topLogprobs(2L).n(2L).build());
        assertThat(c.choices()).hasSize(2);
        for (com.openai.models.chat.completions.ChatCompletion.Choice choice : c.choices()) {
            var tokens = choice.logprobs().orElseThrow().content().orElseThrow();
            assertThat(tokens).isNotEmpty();
            tokens.forEach(t -> {
                assertThat(t.logprob()).isLessThanOrEqualTo(0);
                assertThat(t.topLogprobs()).hasSize(2);
                assertThat(t.bytes()).isPresent();
            });
        }
        assertThat(c.choices().get(0).message().content()).as("greedy: both choices alike")
                .isEqualTo(c.choices().get(1).message().content());
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(
                recorder.runs.stream().mapToInt(r -> r.result == null ? 0 : r.result.stats().generatedTokens()).sum());
    }
}
