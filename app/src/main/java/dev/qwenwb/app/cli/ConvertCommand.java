package dev.qwenwb.app.cli;

import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.gguf.GgufOutputType;
import dev.qwenwb.inference.gguf.SafetensorsToGguf;
import dev.qwenwb.inference.hub.ByteSizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convert DIR|REPO_ID [--type T] [--out FILE] [--force]}: a Qwen2 safetensors folder (or an installed repo)
 * as a GGUF file for llama.cpp, written atomically; progress on stderr, the file on stdout. A folder that is not a
 * Qwen2 checkpoint, an existing output without {@code --force}, or a bad flag: one line, exit 2; a disk without
 * room: one line, exit 1.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a Qwen2 safetensors folder (or an installed org/name[@revision]) to a GGUF file that "
                + "llama.cpp runs (the GPU backends, quantized CPU speed).",
                "f32 and f16 are written directly; q8_0 and q4_K_M through llama.cpp's quantizer from an f32/f16 "
                        + "temp file beside the output. Nothing is left under the output's name unless complete."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR|REPO_ID", description = "a model folder, or an installed org/name[@revision]")
    String model;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "f16",
            description = "f32, f16, q8_0 or q4_K_M (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--out", paramLabel = "FILE",
            description = "the GGUF file, or a folder to write it in (default: NAME-TYPE.gguf in the current folder)")
    Path out;

    @Option(names = "--force", description = "replace the output file if it exists")
    boolean force;

    @Override
    public Integer call() throws IOException {
        GgufOutputType t = GgufOutputType.parse(type);
        Path folder = Generators.resolve(model);
        String name = SafetensorsToGguf.defaultFileName(folder, t);
        Path target = out == null ? Path.of(name) : Files.isDirectory(out) ? out.resolve(name) : out;
        if (Files.exists(target) && !force) {
            throw new IllegalArgumentException((out == null ? "" : "--out ") + target + " exists (--force replaces it)");
        }
        PrintWriter err = spec.commandLine().getErr();
        int[] lastTenth = {-1};
        SafetensorsToGguf.Result r = new SafetensorsToGguf(folder, t).convert(target, p -> {
            if (p.phase().equals(SafetensorsToGguf.Progress.QUANTIZING)) {
                err.println("  quantizing to " + t.label() + " (llama.cpp)");
            } else {
                int tenth = (int) Math.floor(p.fraction() * 10);
                if (tenth > lastTenth[0]) {
                    lastTenth[0] = tenth;
                    err.println("  writing " + Math.round(p.fraction() * 100) + "%");
                }
            }
            err.flush();
        }, () -> false);
        PrintWriter o = spec.commandLine().getOut();
        o.println(r.file() + "  (" + r.type().label() + ", " + ByteSizes.human(r.bytes()) + ")");
        o.flush();
        return 0;
    }
}
