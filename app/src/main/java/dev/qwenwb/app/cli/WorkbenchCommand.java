package dev.qwenwb.app.cli;

import dev.qwenwb.inference.model.ModelLoadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command and the error policy: one line on stderr, exit code ≠ 0, no stack trace. */
@Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        description = "Run, chat with and measure Qwen2.5 models on this machine.",
        subcommands = {TokenizeCommand.class, LogitsCommand.class, GenerateCommand.class, DemoModelCommand.class,
                BenchCommand.class, EvalCommand.class, ReportCommand.class, DownloadCommand.class, ModelsCommand.class,
                ServeCommand.class})
public final class WorkbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Runnable openWindow;

    private WorkbenchCommand(Runnable openWindow) {
        this.openWindow = openWindow;
    }

    /** With no subcommand: opens the window (and returns when it closes). */
    @Override
    public void run() {
        openWindow.run();
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
