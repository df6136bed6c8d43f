package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.evaluation.code.CodeBlock;
import dev.qwenwb.evaluation.code.CodeFences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the replies of a conversation into artifacts. A block's identity is, in order: a file name in the fence
 * info or a first-line comment; the first top-level definition (def, class, function); else language and the
 * block's position among that reply's unnamed blocks of the language. A block whose identity is known becomes a
 * new version of that artifact when its code differs from the newest version.
 */
public final class ArtifactCatalog {

    private static final Pattern FILE_NAME = Pattern.compile("([\\w./-]*\\w\\.[A-Za-z]{1,10})\\b");
    private static final Pattern FIRST_LINE_FILE = Pattern.compile(
            "^\\s*(?:#|//|--|<!--|/\\*)\\s*(?:file(?:name)?:?\\s*)?([\\w./-]*\\w\\.[A-Za-z]{1,10})\\b");
    private static final Pattern DEFINITION = Pattern.compile(
            "(?m)^(?:export\\s+)?(?:public\\s+)?(?:async\\s+)?(?:def|class|function|interface|fn|func)\\s+(\\w+)");

    private ArtifactCatalog() {
    }

    /** Artifacts of {@code replies} (assistant texts, oldest first); the last may be streaming. */
    public static List<Artifact> build(List<String> replies) {
        Map<String, Builder> byKey = new LinkedHashMap<>();
        for (String reply : replies) {
            Map<String, Integer> unnamed = new HashMap<>();
            for (CodeBlock b : CodeFences.find(reply)) {
                if (b.code().isBlank()) {
                    continue;
                }
                String[] id = identity(b, unnamed);
                Builder builder = byKey.computeIfAbsent(id[0], k -> new Builder(k, id[1], b.language()));
                builder.add(b);
            }
        }
        List<Artifact> out = new ArrayList<>();
        byKey.values().forEach(b -> out.add(b.build()));
        return out;
    }

    /** {key, title} of a block. */
    static String[] identity(CodeBlock b, Map<String, Integer> unnamed) {
        String lang = b.language();
        Matcher m = FILE_NAME.matcher(b.info());
        if (m.find() && !b.info().trim().equals(lang)) {
            return new String[] {"file:" + m.group(1), m.group(1)};
        }
        String firstLine = b.code().split("\n", 2)[0];
        m = FIRST_LINE_FILE.matcher(firstLine);
        if (m.find()) {
            return new String[] {"file:" + m.group(1), m.group(1)};
        }
        m = DEFINITION.matcher(b.code());
        if (m.find()) {
            return new String[] {lang + ":" + m.group(1), m.group(1) + " (" + lang + ")"};
        }
        int n = unnamed.merge(lang, 1, Integer::sum);
        return new String[] {lang + "#" + n, lang + " snippet" + (n > 1 ? " " + n : "")};
    }

    private static final class Builder {
        final String key;
        final String title;
        final String language;
        final List<String> versions = new ArrayList<>();
        boolean streaming;

        Builder(String key, String title, String language) {
            this.key = key;
            this.title = title;
            this.language = language;
        }

        void add(CodeBlock b) {
            boolean wasStreaming = streaming;
            streaming = !b.closed();
            if (wasStreaming && !versions.isEmpty()) {
                versions.set(versions.size() - 1, b.code());
            } else if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(b.code())) {
                versions.add(b.code());
            }
        }

        Artifact build() {
            return new Artifact(key, title, language, versions, streaming);
        }
    }
}
