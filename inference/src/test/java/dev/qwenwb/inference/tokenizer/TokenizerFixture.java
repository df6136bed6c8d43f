package dev.qwenwb.inference.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real Qwen2.5 tokenizer from the assets module, copied out of the classpath for tests. */
final class TokenizerFixture {

    static final String RESOURCE = "/assets/tokenizer/qwen2.5/tokenizer.json";

    private TokenizerFixture() {}

    /** Copies {@code tokenizer.json} into {@code dir} and returns its path. */
    static Path copyTo(Path dir) {
        Path target = dir.resolve("tokenizer.json");
        try (InputStream in = TokenizerFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath (module assets)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The single-byte token for a raw byte: GPT-2's byte-to-unicode table (printable Latin-1 maps
     * to itself, the other bytes to U+0100 onwards in order).
     */
    static String byteToken(int b) {
        if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
            return String.valueOf((char) b);
        }
        int n = 0;
        for (int x = 0; x < b; x++) {
            boolean printable = (x >= '!' && x <= '~') || (x >= 0xA1 && x <= 0xAC) || (x >= 0xAE && x <= 0xFF);
            if (!printable) {
                n++;
            }
        }
        return String.valueOf((char) (256 + n));
    }
}
