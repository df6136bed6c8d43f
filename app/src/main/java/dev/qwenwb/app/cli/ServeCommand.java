package dev.qwenwb.app.cli;

import dev.qwenwb.app.server.OpenAiServer;
import dev.qwenwb.app.server.ServerOptions;
import dev.qwenwb.inference.generate.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the model behind an OpenAI-compatible HTTP API until SIGINT or SIGTERM. Prints
 * {@code listening on http://HOST:PORT/v1} as one stdout line once it accepts requests.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the model over an OpenAI-compatible HTTP API (GET /v1/models, POST /v1/chat/completions,",
                "POST /v1/completions, streaming as Server-Sent Events) until Ctrl+C or SIGTERM.",
                "Prints 'listening on http://HOST:PORT/v1' once ready. Listening on any address but loopback",
                "needs --api-key."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineFlags engine;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --api-key")
    String host;

    @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT, paramLabel = "N",
            description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "require 'Authorization: Bearer KEY' on every /v1 request")
    String apiKey;

    @Option(names = "--queue", defaultValue = "" + ServerOptions.DEFAULT_QUEUE, paramLabel = "N",
            description = "requests that may wait while --parallel generate; more get HTTP 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "also accept requests addressed to this host name (the Host header); by default only "
                    + "localhost, IP addresses and --host are (against DNS rebinding). Repeatable")
    List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--cors", paramLabel = "ORIGIN",
            description = "let web pages of this origin (e.g. http://localhost:3000; * for any) call the server; "
                    + "requests from other pages are refused with 403. Repeatable")
    List<String> corsOrigins = new java.util.ArrayList<>();

    @Option(names = "--parallel", defaultValue = "" + ServerOptions.DEFAULT_PARALLEL, paramLabel = "N",
            description = {"requests that generate together (default: ${DEFAULT-VALUE}); on a local model they decode "
                    + "as one batch,", "joining and leaving between tokens; each takes its own cache of --context "
                    + "tokens"})
    int parallel;

    @Option(names = "--n-predict", defaultValue = "" + ServerOptions.NO_N_PREDICT, paramLabel = "N",
            description = {"new tokens at most per request (and choice), as llama-server's -n: a larger max_tokens "
                    + "is cut to N", "and the answer says so (header X-Max-Tokens-Clamped); -1: no limit (default)"})
    int nPredict;

    @Override
    public Integer call() throws InterruptedException {
        engine.options(); // every flag is checked before the model loads
        String model = engine.model();
        ServerOptions options = new ServerOptions(host, port, apiKey, queue, ServerOptions.DEFAULT_MAX_BODY,
                List.of(model), allowedHosts, corsOrigins, parallel).withNPredict(nPredict);
        Generator generator = engine.openServing(parallel);
        OpenAiServer server;
        try {
            server = OpenAiServer.start(generator, options);
        } catch (IOException e) {
            generator.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter err = spec.commandLine().getErr();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            generator.close();
            err.println("stopped");
            err.flush();
            stopped.countDown();
        }, "serve-shutdown"));
        if (!generator.info().contextReason().isEmpty()) {
            err.println(generator.info().contextReason());
        }
        err.println("context: " + generator.info().contextLength() + " tokens per request (--context)"
                + (nPredict > 0 ? ", at most " + nPredict + " of them new (--n-predict)" : "") + ", up to " + parallel
                + " requests generating together (--parallel), " + queue + " more waiting (--queue)");
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + server.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }
}
