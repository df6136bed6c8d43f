package dev.qwenwb.inference.gguf;

import com.sun.jna.Pointer;
import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The GGUF's own vocabulary through llama.cpp ({@code llama_tokenize}, {@code llama_token_to_piece}): the byte-level
 * BPE and pre-tokenizer the file names ({@code tokenizer.ggml.pre}), special tokens such as {@code <|im_start|>}
 * parsed from the text. llama.cpp documents tokenization as thread-safe; the vocabulary lives as long as its model.
 */
public final class GgufTokenizer {

    private final LlamaLibrary llama;
    private final Pointer vocab;
    private final int size;
    private final Runnable checkOpen;

    /**
     * @param llama     the library
     * @param vocab     the model's {@code llama_vocab *}
     * @param checkOpen throws if the model (and so the vocabulary) has been freed
     */
    public GgufTokenizer(LlamaLibrary llama, Pointer vocab, Runnable checkOpen) {
        this.llama = llama;
        this.vocab = vocab;
        this.size = llama.llama_vocab_n_tokens(vocab);
        this.checkOpen = checkOpen;
    }

    /** @return the number of tokens */
    public int size() {
        return size;
    }

    /**
     * Token ids of {@code text}, special tokens written in it ({@code <|im_start|>}, ...) parsed as such, no BOS
     * added (Qwen adds none).
     */
    public int[] encode(String text) {
        checkOpen.run();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[utf8.length + 8];
        int n = llama.llama_tokenize(vocab, utf8, utf8.length, ids, ids.length, (byte) 0, (byte) 1);
        if (n < 0) { // cannot happen for byte-level BPE (at most one token per byte), but the API allows it
            ids = new int[-n];
            n = llama.llama_tokenize(vocab, utf8, utf8.length, ids, ids.length, (byte) 0, (byte) 1);
        }
        if (n < 0) {
            throw new IllegalStateException("llama_tokenize failed (" + n + ") on a text of " + utf8.length + " bytes");
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /**
     * The bytes of token {@code id} into {@code buf} (grown if needed).
     *
     * @param special render control tokens ({@code <|im_end|>}); false gives them as no bytes, as a decode with
     *     {@code skip_special_tokens} does
     * @return the number of bytes, or a negative number: the size {@code buf} must have
     */
    public int piece(int id, byte[] buf, boolean special) {
        return llama.llama_token_to_piece(vocab, id, buf, buf.length, 0, (byte) (special ? 1 : 0));
    }

    /** @return the text of {@code ids} (special tokens skipped), invalid UTF-8 as U+FFFD */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** @return the text of {@code ids}, special tokens ({@code <|im_end|>}) kept or skipped, invalid UTF-8 as U+FFFD */
    public String decode(int[] ids, boolean special) {
        checkOpen.run();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        for (int id : ids) {
            checkId(id);
            int n = piece(id, buf, special);
            if (n < 0) {
                buf = new byte[-n];
                n = piece(id, buf, special);
            }
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the token's text as the vocabulary stores it (e.g. {@code <|im_end|>}) */
    public String tokenText(int id) {
        checkOpen.run();
        checkId(id);
        Pointer p = llama.llama_vocab_get_text(vocab, id);
        return p == null ? "" : p.getString(0, "UTF-8");
    }

    /** @throws IllegalArgumentException if {@code id} is outside the vocabulary */
    public void checkId(int id) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + size);
        }
    }
}
