package dev.qwenwb.app.cli;

import dev.qwenwb.app.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code demo-model [--force] DIR}: writes the tiny random-weight demo model, for trying everything offline, as a
 * new folder (atomically); a non-empty DIR is refused (exit 2) unless {@code --force}.
 */
@Command(name = "demo-model", mixinStandardHelpOptions = true,
        description = "Write the demo model (tiny, random weights, real Qwen2.5 tokenizer) into DIR.")
final class DemoModelCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a new or empty folder to write the model into")
    Path dir;

    @Option(names = "--force", description = "replace DIR even if it is not empty (everything in it is deleted)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        DemoModel.write(dir, force);
        spec.commandLine().getOut().println(dir.toAbsolutePath() + "  (" + DemoModel.LABEL + ")");
        return 0;
    }
}
