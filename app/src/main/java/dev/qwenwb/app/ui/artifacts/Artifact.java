package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.evaluation.code.Languages;
import java.util.List;

/**
 * A piece of code with an identity across the conversation; each revision the model writes is a version.
 *
 * @param key      identity: a file name, a top-level definition, or language + position
 * @param title    shown in the artifact list
 * @param language normalised language
 * @param versions code of each version, oldest first
 * @param streaming whether the newest version is still arriving
 */
public record Artifact(String key, String title, String language, List<String> versions, boolean streaming) {

    public Artifact {
        versions = List.copyOf(versions);
    }

    /** The newest version's code. */
    public String latest() {
        return versions.get(versions.size() - 1);
    }

    /** A file name to suggest when saving. */
    public String suggestedFileName() {
        if (title.contains(".") && !title.contains(" ")) {
            return title;
        }
        return title.replaceAll("[^A-Za-z0-9_-]+", "_") + Languages.extension(language);
    }
}
