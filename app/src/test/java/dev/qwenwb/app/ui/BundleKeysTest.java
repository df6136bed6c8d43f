package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every key of the window's bundles is used: named by a string literal in the app's sources, or under a prefix the
 * sources complete at run time ({@code "theme." + t}, {@code "models.kind." + kind}). A key nothing names is text a
 * translator keeps up for nobody (the app builds its views in Java; there is no FXML).
 */
class BundleKeysTest {

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void everyKeyIsNamedByTheSources() throws IOException {
        Set<String> literals = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    literals.add(m.group(1));
                }
            }
        }
        assertThat(literals).as("the sources were found and read").contains("app.title");
        List<String> prefixes = literals.stream().filter(s -> s.matches("[a-z][\\w.-]*\\.")).collect(Collectors.toList());
        Set<String> unused = new TreeSet<>();
        for (String key : keys()) {
            if (!literals.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                unused.add(key);
            }
        }
        assertThat(unused).as("bundle keys no code names").isEmpty();
    }

    private static Set<String> keys() throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleKeysTest.class.getResourceAsStream("/dev/qwenwb/app/ui/messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames();
    }
}
