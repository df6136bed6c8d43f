package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.suite.Claim;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The figures the review article claims, read from the one place that records them: the {@code claims} of the
 * article suite shipped in assets ({@code assets/suites/article.yaml}).
 */
final class ArticleClaims {

    static final String SUITE_RESOURCE = "/assets/suites/article.yaml";

    private final List<Claim> claims;

    private ArticleClaims(List<Claim> claims) {
        this.claims = claims;
    }

    static ArticleClaims load() {
        try (InputStream in = ArticleClaims.class.getResourceAsStream(SUITE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks " + SUITE_RESOURCE + " (assets module)");
            }
            Path tmp = Files.createTempFile("article-", ".yaml");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return new ArticleClaims(new SuiteLoader(CheckRegistry.standard()).load(tmp).claims());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claim about {@code metric} (e.g. "ttft_ms"), as the article wrote it. */
    Optional<String> claimed(String metric) {
        return claims.stream().filter(c -> c.metric().equals(metric)).map(Claim::claimed).findFirst();
    }

    /** Where the article measured (the note of its speed claims). */
    String setting() {
        return claims.stream().filter(c -> c.metric().equals("decode_tokens_per_s"))
                .map(c -> "claimed on " + c.note().split(";")[0].trim()).findFirst().orElse("");
    }

    ArrayNode json() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Claim c : claims) {
            a.addObject().put("id", c.id()).put("label", c.label()).put("metric", c.metric()).put("value", c.value())
                    .put("claimed", c.claimed()).put("note", c.note());
        }
        return a;
    }
}
