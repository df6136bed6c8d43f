package dev.qwenwb.app.cli;

import dev.qwenwb.app.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code demo-model DIR}: writes the tiny random-weight demo model, for trying everything offline. */
@Command(name = "demo-model", mixinStandardHelpOptions = true,
        description = "Write the demo model (tiny, random weights, real Qwen2.5 tokenizer) into DIR.")
final class DemoModelCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "folder to write (created if needed)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        DemoModel.write(dir);
        spec.commandLine().getOut().println(dir.toAbsolutePath() + "  (" + DemoModel.LABEL + ")");
        return 0;
    }
}
