package dev.qwenwb.inference.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The token strings of a Hugging Face {@code tokenizer.json}: the BPE vocabulary ({@code model.vocab},
 * byte-level strings such as {@code "Ġworld"}) and the added tokens with their {@code special} flag.
 * The native tokenizer does the encoding; this only answers look-ups it does not expose.
 *
 * @param vocab token string to id, BPE vocabulary and added tokens together
 * @param special ids of added tokens marked {@code "special": true} (dropped by {@code skipSpecialTokens})
 * @param added ids of added tokens (their strings are plain text, not byte-level)
 * @param size one more than the largest id
 */
record TokenizerVocabulary(Map<String, Integer> vocab, BitSet special, BitSet added, int size) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads the vocabulary from the text of a {@code tokenizer.json}, streaming past the merges.
     *
     * @throws IOException if the text is not JSON or lacks {@code model.vocab}
     */
    static TokenizerVocabulary parse(byte[] json) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(1 << 18);
        BitSet special = new BitSet();
        BitSet added = new BitSet();
        boolean sawVocab = false;
        // the vocabulary's 151k keys are field names: interning them all would cost more than the parse itself
        JsonFactory factory = new JsonFactory(MAPPER).disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
        try (JsonParser p = factory.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("added_tokens".equals(field) && value == JsonToken.START_ARRAY) {
                    readAddedTokens(p.readValueAsTree(), vocab, special, added);
                } else if ("model".equals(field) && value == JsonToken.START_OBJECT) {
                    sawVocab |= readModel(p, vocab);
                } else {
                    p.skipChildren();
                }
            }
        }
        if (!sawVocab) {
            throw new IOException("no model.vocab object (not a Hugging Face tokenizer.json?)");
        }
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return new TokenizerVocabulary(Collections.unmodifiableMap(vocab), special, added, size); // no 151k-entry copy
    }

    private static boolean readModel(JsonParser p, Map<String, Integer> vocab) throws IOException {
        boolean sawVocab = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("vocab".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String token = p.currentName();
                    expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "an integer id for " + token);
                    vocab.putIfAbsent(token, p.getIntValue());
                }
                sawVocab = true;
            } else {
                p.skipChildren();
            }
        }
        return sawVocab;
    }

    private static void readAddedTokens(JsonNode tokens, Map<String, Integer> vocab, BitSet special, BitSet added)
            throws IOException {
        for (JsonNode t : tokens) {
            if (!t.path("id").canConvertToInt() || !t.path("content").isTextual()) {
                throw new IOException("added token without id or content: " + t);
            }
            int id = t.get("id").intValue();
            vocab.put(t.get("content").textValue(), id); // an added token wins over a BPE entry
            added.set(id);
            if (t.path("special").asBoolean(false)) {
                special.set(id);
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + what + " but found " + actual);
        }
    }
}
