package dev.qwenwb.inference.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of a Qwen2 model, read from the model's own {@code tokenizer.json} and run by the
 * Hugging Face tokenizers library (through DJL), fully offline.
 *
 * <p>Encoding adds nothing: no BOS (Qwen has none), no padding, no truncation, so a 10,000-token
 * prompt comes back as 10,000 ids. Special tokens written in the text ({@code <|im_start|>},
 * {@code <|im_end|>}, {@code <|fim_prefix|>}, ...) become their single ids. The text is NFC-normalised
 * by the tokenizer itself, so {@code decode(encode(s))} equals the NFC form of {@code s}.
 *
 * <p>Instances are thread-safe. {@link #close()} frees the native tokenizer.
 */
public final class QwenTokenizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QwenTokenizer.class);

    /*
     * DJL's defaults are made for BERT-style classifiers: truncation LONGEST_FIRST at maxLength =
     * modelMaxLength = 512 and padding, plus the post-processor's special tokens. None of that is
     * right for a causal LM prompt, so every one is switched off explicitly.
     */
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false",
            "withOverflowingTokens", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerVocabulary vocabulary;
    private final Path source;

    private QwenTokenizer(HuggingFaceTokenizer tokenizer, TokenizerVocabulary vocabulary, Path source) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.source = source;
    }

    /**
     * Loads a tokenizer from a {@code tokenizer.json} file (or a model folder containing one).
     *
     * @param tokenizerJson the file, or the folder that holds {@code tokenizer.json}
     * @return the tokenizer; close it when done
     * @throws TokenizerLoadException naming the file if it is missing, unreadable or not a tokenizer
     */
    public static QwenTokenizer load(Path tokenizerJson) {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerLoadException(file, "file not found", e);
        } catch (IOException e) {
            throw new TokenizerLoadException(file, "cannot read it (" + e + ")", e);
        }
        TokenizerVocabulary vocabulary;
        try {
            // parsed in Java first, so a truncated or corrupt file gives a clear message before native code sees it
            vocabulary = TokenizerVocabulary.parse(json);
        } catch (JsonProcessingException e) {
            throw TokenizerLoadException.invalidTokenizerJson(file, e);
        } catch (IOException e) {
            throw new TokenizerLoadException(file, "not a valid tokenizer.json: " + e.getMessage(), e);
        }
        DjlOffline.apply();
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerLoadException(file, "the tokenizers library rejected it: " + e.getMessage(), e);
        }
        LOG.debug("Loaded tokenizer {} ({} tokens)", file, vocabulary.size());
        return new QwenTokenizer(tokenizer, vocabulary, file);
    }

    /**
     * Encodes text to token ids, without adding any token; special tokens written in the text map to
     * their ids.
     *
     * @param text the text, any length
     * @return the ids, never truncated
     */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /**
     * Decodes ids to text. Bytes that do not form valid UTF-8 (a character cut between tokens) come
     * out as U+FFFD.
     *
     * @param ids the token ids
     * @param skipSpecialTokens drop the tokens for which {@link #isSpecial(int)} is true
     * @return the text
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return decode(ids, 0, ids.length, skipSpecialTokens);
    }

    /** Decodes {@code ids[from, to)}; see {@link #decode(int[], boolean)}. */
    String decode(int[] ids, int from, int to, boolean skipSpecialTokens) {
        long[] longs = new long[to - from];
        for (int i = from; i < to; i++) {
            longs[i - from] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /**
     * Looks up one token by its exact string: an added token such as {@code <|im_end|>}, or a
     * vocabulary entry in its byte-level form (a leading space is {@code Ġ}, as in {@code "Ġworld"}).
     *
     * @param token the token string
     * @return its id, or empty if the tokenizer has no such token
     */
    public OptionalInt tokenId(String token) {
        Integer id = vocabulary.vocab().get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * The number of token ids, added tokens included (151,665 for Qwen2.5). The model's embedding
     * table may be larger (151,936); ids past this size have no text.
     */
    public int vocabSize() {
        return vocabulary.size();
    }

    /**
     * Whether an id is a special token, that is an added token marked special in {@code
     * tokenizer.json} ({@code <|endoftext|>}, {@code <|im_start|>}, {@code <|im_end|>}, ...). These are
     * the ones {@code decode(ids, true)} drops; Qwen's FIM and repo tokens are not special.
     */
    public boolean isSpecial(int id) {
        return id >= 0 && vocabulary.special().get(id);
    }

    /**
     * The bytes each token id stands for, for grammars that match output byte by byte: a BPE entry's byte-level
     * string mapped back to its bytes (GPT-2's {@code bytes_to_unicode}, {@code Ġ} = a space), an added token's text
     * in UTF-8; {@code null} for special tokens and ids without a token.
     *
     * @param size how many ids to describe (the model's vocabulary, which may be larger than the tokenizer's)
     */
    public byte[][] tokenBytes(int size) {
        byte[][] out = new byte[size][];
        int[] unicodeToByte = ByteLevel.unicodeToByte();
        for (Map.Entry<String, Integer> e : vocabulary.vocab().entrySet()) {
            int id = e.getValue();
            if (id < 0 || id >= size || vocabulary.special().get(id)) {
                continue;
            }
            out[id] = vocabulary.added().get(id) ? e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : ByteLevel.bytes(e.getKey(), unicodeToByte);
        }
        return out;
    }

    /** @return the {@code tokenizer.json} this was loaded from */
    public Path source() {
        return source;
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
