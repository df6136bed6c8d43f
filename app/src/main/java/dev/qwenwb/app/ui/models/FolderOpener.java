package dev.qwenwb.app.ui.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows a folder in the system's file manager ({@code xdg-open}, {@code open}, {@code explorer}), without AWT. */
public final class FolderOpener {

    private static final Logger LOG = LoggerFactory.getLogger(FolderOpener.class);

    private FolderOpener() {
    }

    /** @return an opener for {@link ModelsViewModel} (blocking briefly: call it off the UI thread) */
    public static Consumer<Path> system() {
        return dir -> {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> cmd = os.contains("win") ? List.of("explorer", dir.toString())
                    : os.contains("mac") ? List.of("open", dir.toString()) : List.of("xdg-open", dir.toString());
            try {
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                LOG.info("cannot open {} with {}: {}", dir, cmd.get(0), e.toString()); // the path is on screen
            }
        };
    }
}
