package dev.qwenwb.app.cli;

import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.inference.model.ModelLoadException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command and the error policy: one line on stderr, exit code ≠ 0, no stack trace. */
@Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        description = "Run, chat with and measure Qwen2.5 models on this machine.",
        subcommands = {TokenizeCommand.class, LogitsCommand.class, GenerateCommand.class, DemoModelCommand.class,
                BenchCommand.class, EvalCommand.class, ReportCommand.class, DownloadCommand.class, ModelsCommand.class,
                ConvertCommand.class, ServeCommand.class})
public final class WorkbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--open-run", paramLabel = "DIR",
            description = "open the window on the evaluation view showing this run folder (written by eval --out DIR)")
    Path openRun;

    private final Consumer<WindowRequest> openWindow;

    private WorkbenchCommand(Consumer<WindowRequest> openWindow) {
        this.openWindow = openWindow;
    }

    /**
     * What the window is asked to show when it opens.
     *
     * @param openRun a run folder to show in the evaluation view, or null
     */
    public record WindowRequest(Path openRun) {
    }

    /** With no subcommand: opens the window (and returns when it closes). */
    @Override
    public void run() {
        if (openRun != null && !Files.isRegularFile(openRun.resolve(RunStore.INFO))) {
            throw new IllegalArgumentException("--open-run " + openRun + ": not a run folder (no " + RunStore.INFO
                    + "; make one with eval --out DIR)");
        }
        openWindow.accept(new WindowRequest(openRun == null ? null : openRun.toAbsolutePath().normalize()));
    }

    /** A configured command line without a window (tests, headless use). */
    public static CommandLine commandLine() {
        return commandLine(() -> {
            throw new IllegalStateException("no window here: give a subcommand (see --help)");
        });
    }

    /**
     * A configured command line.
     *
     * @param openWindow what running it without a subcommand does (the entry point passes the JavaFX window, so the
     *                   command line never depends on the UI)
     */
    public static CommandLine commandLine(Runnable openWindow) {
        return commandLine(request -> openWindow.run());
    }

    /**
     * A configured command line.
     *
     * @param openWindow what running it without a subcommand does, told what to show ({@code --open-run}); the entry
     *                   point passes the JavaFX window, so the command line never depends on the UI
     */
    public static CommandLine commandLine(Consumer<WindowRequest> openWindow) {
        CommandLine cl = new CommandLine(new WorkbenchCommand(openWindow));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("error: " + describe(e));
            err.flush();
            return e instanceof ModelLoadException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    private static String describe(Throwable e) {
        String m = firstLine(e.getMessage());
        if (m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        Throwable c = e.getCause();
        // a model-folder error already says it all; Jackson's own text would only repeat it, over two lines
        if (!(e instanceof ModelLoadException) && c != null && c.getMessage() != null) {
            String cm = firstLine(c.getMessage());
            if (!cm.isBlank() && !m.contains(cm)) {
                m += " (" + cm + ")";
            }
        }
        return m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
