package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.HubCache;
import dev.qwenwb.inference.hub.InstalledModel;
import dev.qwenwb.inference.hub.InstalledModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code models}: the models in the Hugging Face cache (the window's Models view adds the folders it opened). */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List installed models: every snapshot in the Hugging Face cache, whoever downloaded it, with",
                "revision, format, architecture, parameters, size and source."})
final class ModelsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "a hub cache folder (default: $HF_HUB_CACHE, else "
            + "$HF_HOME/hub, else ~/.cache/huggingface/hub)")
    Path cacheDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HubCache cache = cacheDir != null ? new HubCache(cacheDir) : HubCache.fromEnvironment();
        List<InstalledModel> models = InstalledModels.scan(cache, List.of());
        if (json) {
            ObjectNode root = Json.object().put("cache", cache.root().toString());
            ArrayNode list = root.putArray("models");
            for (InstalledModel m : models) {
                ObjectNode o = list.addObject().put("name", m.name()).put("repo_id", m.repoId()).put("commit", m.commit());
                ArrayNode refs = o.putArray("refs");
                m.refs().forEach(refs::add);
                o.put("path", m.path().toString()).put("size_bytes", m.sizeOnDisk())
                        .put("format", m.summary().format().label()).put("architecture", m.summary().architecture())
                        .put("parameters", m.summary().parameters()).put("source", m.source())
                        .put("in_cache", m.inCache());
            }
            out.println(Json.write(root));
        } else if (models.isEmpty()) {
            out.println("no models in " + cache.root() + " (./workbench download Qwen/Qwen2.5-0.5B-Instruct fetches one)");
        } else {
            String fmt = "%-42s %-16s %-11s %-18s %7s %10s  %s%n";
            out.printf(Locale.ROOT, fmt, "NAME", "REVISION", "FORMAT", "ARCHITECTURE", "PARAMS", "SIZE", "SOURCE / PATH");
            for (InstalledModel m : models) {
                out.printf(Locale.ROOT, fmt, m.name(),
                        m.revisionLabel().isEmpty() ? "-" : m.revisionLabel(), m.summary().format().label(),
                        m.summary().architecture() == null ? "?" : m.summary().architecture(),
                        ByteSizes.parameters(m.summary().parameters()), ByteSizes.human(m.sizeOnDisk()),
                        m.source() + "  " + m.path());
            }
        }
        out.flush();
        return 0;
    }
}
