package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.app.cli.WorkbenchCommand;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.remote.EndpointException;
import dev.qwenwb.inference.remote.OpenAiClient;
import dev.qwenwb.inference.remote.OpenAiEndpoint;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The OpenAI-compatible client (a Generator) against our own server: real HTTP both ways, faults injected between. */
@Timeout(180)
class RemoteEndpointTest {

    private static final Path SUITES = Path.of("..", "assets", "suites");

    private static DjlModel model;
    private static Recorder recorder;
    private static OpenAiServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 1024, 0));
        recorder = new Recorder(model);
        server = OpenAiServer.start(recorder, ServerOptions.loopback(0).withQueue(8));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @BeforeEach
    void clean() {
        recorder.reset();
    }

    private static OpenAiEndpoint endpoint(URI base) {
        return OpenAiEndpoint.of(base.toString(), model.info().name(), "");
    }

    private static URI root() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Test
    void chatRawAndFimPromptsGiveTheLocalModelsTextWithStatsFromTheStream() {
        try (OpenAiClient client = OpenAiClient.open(endpoint(server.baseUrl()))) {
            assertThat(client.info().engine()).isEqualTo("openai");
            assertThat(client.info().name()).isEqualTo(model.info().name());
            for (Prompt p : List.of(Prompt.chat(List.of(ChatMessage.system("Be brief."), ChatMessage.user("快速排序"))),
                    Prompt.raw("def quicksort(xs):"), Prompt.fim("def add(a, b):\n    ", "\n    return c"))) {
                GenerationRequest req = new GenerationRequest(p, Sampling.argmax(), Limits.maxTokens(6));
                GenerationResult local = model.generate(req);
                int[] deltas = {0};
                GenerationResult remote = client.newSession().generate(req, new GenerationListener() {
                    @Override
                    public void onToken(int tokenId, String textDelta, LiveStats live) {
                        deltas[0]++;
                        assertThat(tokenId).isEqualTo(-1);
                        assertThat(live.generatedTokens()).isEqualTo(deltas[0]);
                    }
                }).await();
                assertThat(remote.text()).as(p.kind()).isEqualTo(local.text());
                assertThat(remote.finishReason()).as(p.kind()).isEqualTo(local.finishReason());
                assertThat(remote.stats().promptTokens()).as("from usage").isEqualTo(local.stats().promptTokens());
                assertThat(remote.stats().tokenLatenciesMs()).hasSize(deltas[0]);
                assertThat(remote.stats().ttftMs()).isPositive().isEqualTo(remote.stats().tokenLatenciesMs()[0]);
                assertThat(remote.stats().decodeTokensPerS()).isPositive();
                assertThat(remote.stats().prefillTokensPerS()).isPositive();
                assertThat(remote.stats().totalMs()).isGreaterThanOrEqualTo(remote.stats().ttftMs());
            }
            assertThat(client.info().dtype()).as("the server counted the tokens").isEmpty();
            assertThatThrownBy(() -> client.generate(GenerationRequest.of(Prompt.tokens(1, 2, 3))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token ids");
        }
    }

    @Test
    void openNamesAWrongModelAWrongKeyOrNoServer() throws Exception {
        assertThatThrownBy(() -> OpenAiClient.open(OpenAiEndpoint.of(server.baseUrl().toString(), "gpt-4o", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not serve model 'gpt-4o'")
                .hasMessageContaining(model.info().name());
        try (OpenAiServer keyed = OpenAiServer.start(recorder, ServerOptions.loopback(0).withApiKey("k1"))) {
            assertThatThrownBy(() -> OpenAiClient.open(OpenAiEndpoint.of(keyed.baseUrl().toString(),
                    model.info().name(), "k2"))).hasMessageContaining("refused the API key");
            OpenAiClient.open(OpenAiEndpoint.of(keyed.baseUrl().toString(), model.info().name(), "k1")).close();
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> OpenAiClient.open(OpenAiEndpoint.of("http://127.0.0.1:" + closedPort + "/v1", "m",
                null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot reach");
        assertThatThrownBy(() -> OpenAiEndpoint.of("ftp://x/v1", "m", null)).hasMessageContaining("http://");
    }

    @Test
    void cancellingBetweenChunksClosesTheStreamAndStopsTheServersGeneration() {
        recorder.tokenDelayMs = 20;
        try (OpenAiClient client = OpenAiClient.open(endpoint(server.baseUrl()))) {
            GenerationHandle[] h = new GenerationHandle[1];
            h[0] = client.generate(new GenerationRequest(Prompt.raw("Once upon a time"), Sampling.argmax(),
                    Limits.maxTokens(300)), new GenerationListener() {
                        @Override
                        public void onToken(int tokenId, String textDelta, LiveStats live) {
                            if (live.generatedTokens() == 3) {
                                h[0].cancel();
                            }
                        }
                    });
            GenerationResult r = h[0].await();
            assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(r.stats().generatedTokens()).isBetween(3, 5);
            GenerationResult onServer = recorder.awaitResult(0);
            assertThat(onServer.finishReason()).as("the server saw the client leave").isEqualTo(FinishReason.CANCELLED);
            assertThat(onServer.stats().generatedTokens()).isLessThan(100);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a503Or429IsRetriedWithBackOffBeforeTheFirstToken() throws Exception {
        try (FaultProxy proxy = new FaultProxy(root());
             OpenAiClient client = OpenAiClient.open(endpoint(proxy.baseUrl())).withBackoffBase(Duration.ofMillis(20))) {
            proxy.failNext = 2;
            GenerationResult r = client.generate(new GenerationRequest(Prompt.raw("def f():"), Sampling.argmax(),
                    Limits.maxTokens(3)));
            assertThat(r.text()).isEqualTo(model.generate(new GenerationRequest(Prompt.raw("def f():"),
                    Sampling.argmax(), Limits.maxTokens(3))).text());
            assertThat(proxy.posts.get()).isEqualTo(3);

            proxy.failStatus = 429;
            proxy.retryAfter = "0";
            proxy.failNext = 1;
            client.generate(new GenerationRequest(Prompt.raw("x"), Sampling.argmax(), Limits.maxTokens(2)));
            assertThat(proxy.posts.get()).isEqualTo(5);

            proxy.failStatus = 503;
            proxy.failNext = 100;
            OpenAiClient few = OpenAiClient.unchecked(endpoint(proxy.baseUrl()).withRetries(2))
                    .withBackoffBase(Duration.ofMillis(5));
            assertThatThrownBy(() -> few.generate(GenerationRequest.of(Prompt.raw("x"))))
                    .isInstanceOf(EndpointException.class).hasMessageContaining("HTTP 503 (3 tries)")
                    .hasMessageContaining("overloaded");
            few.close();
        }
    }

    @Test
    void aServerThatRefusesSuffixGetsTheFimPromptRenderedWithQwensFimTokens() throws Exception {
        try (FaultProxy proxy = new FaultProxy(root());
             OpenAiClient client = OpenAiClient.open(endpoint(proxy.baseUrl()))) {
            proxy.refuseSuffix = true;
            GenerationRequest req = new GenerationRequest(Prompt.fim("def add(a, b):\n    ", "\n    return c"),
                    Sampling.argmax(), Limits.maxTokens(6));
            GenerationResult local = model.generate(req);
            GenerationResult r = client.generate(req);
            assertThat(r.text()).isEqualTo(local.text());
            assertThat(r.promptText()).startsWith("<|fim_prefix|>");
            assertThat(proxy.posts.get()).as("refused once, then sent as a prompt").isEqualTo(2);
            client.generate(req);
            assertThat(proxy.posts.get()).as("remembered: no second refusal").isEqualTo(3);
        }
    }

    @Test
    void aServerThatAnswersInOnePieceAlthoughAskedToStreamStillGivesTheTextAndUsage() throws Exception {
        try (FaultProxy proxy = new FaultProxy(root());
             OpenAiClient client = OpenAiClient.open(endpoint(proxy.baseUrl()))) {
            proxy.unstream = true;
            GenerationRequest req = new GenerationRequest(Prompt.user(null, "hi"), Sampling.argmax(), Limits.maxTokens(4));
            GenerationResult r = client.generate(req);
            GenerationResult local = model.generate(req);
            assertThat(r.text()).isEqualTo(local.text());
            assertThat(r.stats().promptTokens()).isEqualTo(local.stats().promptTokens());
            assertThat(r.stats().tokenLatenciesMs()).hasSize(1);
        }
    }

    @Test
    void aConnectionDroppedMidStreamEndsTheGenerationWithAnError() throws Exception {
        try (FaultProxy proxy = new FaultProxy(root());
             OpenAiClient client = OpenAiClient.open(endpoint(proxy.baseUrl()))) {
            proxy.dropPost = 1;
            assertThatThrownBy(() -> client.generate(new GenerationRequest(Prompt.user(null, "hi"), Sampling.argmax(),
                    Limits.maxTokens(50)))).isInstanceOf(EndpointException.class)
                    .hasMessageContaining("connection was lost").hasMessageContaining("after 2 deltas");
            assertThat(proxy.posts.get()).as("not retried once text had arrived").isEqualTo(1);
        }
    }

    @Test
    void anEvaluationRunKeepsSeveralRequestsInFlightAndRedoesACaseWhoseConnectionDropped() throws Exception {
        Suite suite = new SuiteLoader(CheckRegistry.standard()).load(SUITES.resolve("article.yaml"));
        recorder.tokenDelayMs = 5;
        try (FaultProxy proxy = new FaultProxy(root())) {
            RunConfig remote = RunConfig.parse("remote=backend=openai:" + proxy.baseUrl() + ",model="
                    + model.info().name() + ",max_tokens=6,concurrency=3", null);
            RunStore store = new RunStore(tmp.resolve("run"));
            proxy.dropPost = 2;
            Runner runner = new Runner(CheckRegistry.standard(), Backends::open);
            runner.run(suite, List.of(remote), new Runner.Options(1, 0, 2), store, r -> { });
            assertThat(runner.unanswered()).isEqualTo(1);
            assertThat(runner.lastUnansweredReason()).contains("connection was lost");
            List<ResultRecord> first = store.readResults();
            assertThat(first.size()).isLessThan(6);
            assertThat(proxy.maxInFlight.get()).as("requests in flight at once").isGreaterThanOrEqualTo(2);

            proxy.dropPost = -1;
            Runner again = new Runner(CheckRegistry.standard(), Backends::open);
            List<ResultRecord> all = again.run(suite, List.of(remote), new Runner.Options(1, 0, 2), store, r -> { });
            assertThat(again.unanswered()).isZero();
            assertThat(all).hasSize(6);
            Set<String> keys = new HashSet<>();
            all.forEach(r -> keys.add(r.key()));
            assertThat(keys).hasSize(6);
            for (ResultRecord r : all) {
                assertThat(r.error()).isNull();
                assertThat(r.metrics().ttftMs()).isPositive();
                assertThat(r.metrics().promptTokens()).isPositive();
            }
            assertThat(store.readInfo().orElseThrow().configs().get("remote").toString()).doesNotContain("api_key=k");
        }
    }

    @Test
    void evalPutsTheInProcessModelBesideTheSameModelServedOverHttp() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkbenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("eval", "--suite", SUITES.resolve("article.yaml").toString(),
                "--config", "local=model=" + TinyModels.tiny(TensorDType.F32) + ",max_tokens=5,device=cpu,dtype=f32",
                "--config", "remote=backend=openai:" + server.baseUrl() + ",model=" + model.info().name()
                        + ",max_tokens=5,api_key=unused",
                "--warmup", "0", "--out", tmp.resolve("side").toString());
        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("local: ").containsPattern("TTFT median [0-9.]+ ms")
                .containsPattern("decode median [0-9.]+ tok/s");
        assertThat(lines[1]).startsWith("remote: ").containsPattern("TTFT median [0-9.]+ ms")
                .containsPattern("decode median [0-9.]+ tok/s").contains(server.baseUrl().toString());
        assertThat(java.nio.file.Files.readString(tmp.resolve("side").resolve("run.json"))).doesNotContain("unused");
    }
}
