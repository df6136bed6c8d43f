package dev.qwenwb.inference.gguf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.model.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face folder's byte-level BPE tokenizer as GGUF metadata, the way llama.cpp's
 * {@code convert_hf_to_gguf.py} writes it for Qwen2 ({@code _set_vocab_gpt2}, gguf-py's {@code SpecialVocab}):
 * tokens in id order padded with {@code [PADn]} (type unused) up to {@code config.json}'s {@code vocab_size}, token
 * types (normal; added tokens control when marked special or shaped {@code <|…|>}, else user-defined), the merges,
 * the special ids ({@code tokenizer_config.json}'s {@code *_token} found among the added tokens, then
 * {@code config.json}'s {@code *_token_id}), {@code add_*_token} flags and the chat template. The pre-tokenizer must
 * be Qwen2's ({@code tokenizer.ggml.pre = qwen2}); llama.cpp's converter likewise refuses one it does not know.
 *
 * @param tokens     token texts by id (byte-level alphabet, as in tokenizer.json)
 * @param types      llama.cpp token types by id
 * @param merges     {@code "a b"} strings, in rank order
 * @param specialIds {@code bos}, {@code eos}, {@code pad}, … to ids, in the order they are written
 * @param addTokens  {@code bos}, {@code eos}, … to the {@code add_*_token} flag
 * @param chatTemplate the chat template, if any
 * @param namedTemplates further templates by name ({@code tool_use}, …) where the config lists several
 */
public record HfVocab(List<String> tokens, int[] types, List<String> merges, Map<String, Integer> specialIds,
                      Map<String, Boolean> addTokens, Optional<String> chatTemplate,
                      Map<String, String> namedTemplates) {

    /** llama.cpp's {@code enum llama_token_type}. */
    public static final int NORMAL = 1;
    /** A control token ({@code <|im_end|>}): never produced from text unless parsed as special. */
    public static final int CONTROL = 3;
    /** An added token that is not special ({@code <tool_call>}). */
    public static final int USER_DEFINED = 4;
    /** A padding slot ({@code [PADn]}) beyond the tokenizer's vocabulary. */
    public static final int UNUSED = 5;
    /** Qwen2's pre-tokenizer split, as {@code tokenizer.json} has it; llama.cpp's {@code qwen2} pre-tokenizer. */
    static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}|"
            + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final List<String> SPECIAL_TYPES = List.of("bos", "eos", "unk", "sep", "pad", "cls", "mask");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies. */
    public HfVocab {
        tokens = List.copyOf(tokens);
        types = types.clone();
        merges = List.copyOf(merges);
        specialIds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(specialIds));
        addTokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(addTokens));
        namedTemplates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedTemplates));
    }

    @Override
    public int[] types() {
        return types.clone();
    }

    /**
     * Reads {@code tokenizer.json}, {@code tokenizer_config.json} and {@code config.json} (and
     * {@code chat_template.jinja} where the config has no template) of {@code dir}.
     *
     * @param vocabSize the model's vocabulary (embedding rows)
     * @throws ModelLoadException naming the file and what is wrong: not a byte-level BPE, another pre-tokenizer, a
     *                            token id outside the vocabulary
     */
    public static HfVocab read(Path dir, int vocabSize) {
        Path tokenizerFile = dir.resolve("tokenizer.json");
        JsonNode tj = json(tokenizerFile);
        JsonNode tc = Files.isRegularFile(dir.resolve("tokenizer_config.json"))
                ? json(dir.resolve("tokenizer_config.json")) : JSON.createObjectNode();
        JsonNode config = json(dir.resolve("config.json"));
        JsonNode model = tj.path("model");
        if (!model.path("type").asText("").equals("BPE") || model.path("byte_fallback").asBoolean(false)
                || !tj.path("decoder").path("type").asText("").equals("ByteLevel")) {
            throw new ModelLoadException(tokenizerFile, "not a byte-level BPE tokenizer (model.type "
                    + model.path("type").asText("?") + ", decoder " + tj.path("decoder").path("type").asText("?")
                    + "); Qwen2 tokenizers are");
        }
        if (!preTokenizerSplits(tj.path("pre_tokenizer")).contains(QWEN2_SPLIT)) {
            throw new ModelLoadException(tokenizerFile, "pre_tokenizer is not Qwen2's (its Split regex differs); "
                    + "only Qwen2 tokenizers convert");
        }
        String[] tokens = new String[vocabSize];
        int[] types = new int[vocabSize];
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = id(tokenizerFile, e.getValue().asInt(-1), vocabSize, e.getKey());
            tokens[id] = e.getKey();
            types[id] = NORMAL;
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        for (JsonNode t : tj.path("added_tokens")) {
            String s = t.path("content").asText();
            int id = id(tokenizerFile, t.path("id").asInt(-1), vocabSize, s);
            added.putIfAbsent(s, id);
            if (t.path("special").asBoolean(false) || looksSpecial(s)) {
                types[id] = CONTROL;
            } else {
                s = s.replace('\u2581', ' '); // convert_hf_to_gguf: user-defined tokens are pre-normalized
                types[id] = USER_DEFINED;
            }
            tokens[id] = s;
        }
        for (int i = 0; i < vocabSize; i++) {
            if (tokens[i] == null) {
                tokens[i] = "[PAD" + i + "]";
                types[i] = UNUSED;
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            merges.add(m.isArray() ? spaced(m.get(0).asText()) + " " + spaced(m.get(1).asText()) : m.asText());
        }
        if (merges.isEmpty()) {
            throw new ModelLoadException(tokenizerFile, "model.merges is empty; a BPE tokenizer needs its merges");
        }
        Map<String, Integer> special = new LinkedHashMap<>();
        Map<String, Boolean> add = new LinkedHashMap<>();
        for (String typ : SPECIAL_TYPES) {
            JsonNode flag = tc.get("add_" + typ + "_token");
            if (flag != null && flag.isBoolean()) {
                add.put(typ, flag.asBoolean());
            }
            JsonNode entry = tc.get(typ + "_token");
            String content = entry == null ? null : entry.isTextual() ? entry.asText()
                    : entry.path("content").isTextual() ? entry.path("content").asText() : null;
            if (content != null && added.containsKey(content)) {
                special.put(typ, added.get(content));
            }
        }
        for (String typ : SPECIAL_TYPES) {
            JsonNode id = config.get(typ + "_token_id");
            if (id != null && id.isInt() && id.asInt() >= 0 && id.asInt() < vocabSize) {
                special.putIfAbsent(typ, id.asInt());
            }
        }
        Map<String, String> templates = templates(dir, tc);
        Optional<String> main = Optional.ofNullable(templates.remove("default"));
        return new HfVocab(List.of(tokens), types, merges, special, add, main, templates);
    }

    /** Puts the {@code tokenizer.*} keys into {@code w}. */
    public void writeTo(GgufWriter w) {
        w.put("tokenizer.ggml.model", "gpt2");
        w.put("tokenizer.ggml.pre", "qwen2");
        w.putStrings("tokenizer.ggml.tokens", tokens);
        w.putInts("tokenizer.ggml.token_type", types);
        w.putStrings("tokenizer.ggml.merges", merges);
        specialIds.forEach((typ, id) -> w.putU32("tokenizer.ggml." + (typ.equals("pad") ? "padding" : typ)
                + "_token_id", id));
        addTokens.forEach((typ, flag) -> w.putBool("tokenizer.ggml.add_" + typ + "_token", flag));
        namedTemplates.forEach((name, t) -> w.put("tokenizer.chat_template." + name, t));
        if (!namedTemplates.isEmpty()) {
            w.putStrings("tokenizer.chat_templates", List.copyOf(namedTemplates.keySet()));
        }
        chatTemplate.ifPresent(t -> w.put("tokenizer.chat_template", t));
    }

    /** {@code does_token_look_special} of convert_hf_to_gguf.py. */
    static boolean looksSpecial(String s) {
        return s.equals("<pad>") || s.equals("<mask>") || s.equals("<2mass>") || s.equals("[@BOS@]")
                || s.startsWith("<|") && s.endsWith("|>") || s.startsWith("<\uFF5C") && s.endsWith("\uFF5C>")
                || s.startsWith("<unused") && s.endsWith(">");
    }

    /** A merge part's spaces as gguf-py encodes them (U+0120, the byte-level alphabet's space). */
    private static String spaced(String part) {
        return part.replace(' ', '\u0120');
    }

    private static List<String> preTokenizerSplits(JsonNode pre) {
        List<String> out = new ArrayList<>();
        if (pre.path("type").asText("").equals("Split")) {
            out.add(pre.path("pattern").path("Regex").asText(""));
        }
        for (JsonNode p : pre.path("pretokenizers")) {
            out.addAll(preTokenizerSplits(p));
        }
        return out;
    }

    /**
     * The chat templates by name, {@code default} the main one, as gguf-py's {@code SpecialVocab} finds them:
     * {@code tokenizer_config.json}'s {@code chat_template} (a string, or a list of {@code {name, template}}), else
     * {@code chat_template.jinja}, else {@code chat_template.json}. Names keep letters and digits; others become
     * {@code _}.
     */
    private static Map<String, String> templates(Path dir, JsonNode tc) {
        JsonNode t = tc.get("chat_template");
        if (t == null || t.isNull()) {
            t = fileTemplate(dir);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (t != null && t.isTextual()) {
            out.put("default", t.asText());
        } else if (t != null && t.isArray()) {
            for (JsonNode named : t) {
                String name = named.path("name").asText("").replaceAll("[^A-Za-z0-9]", "_");
                if (!name.isEmpty() && named.path("template").isTextual()) {
                    out.put(name, named.path("template").asText());
                }
            }
        }
        return out;
    }

    private static JsonNode fileTemplate(Path dir) {
        Path jinja = dir.resolve("chat_template.jinja");
        Path json = dir.resolve("chat_template.json");
        try {
            if (Files.isRegularFile(jinja)) {
                return JSON.getNodeFactory().textNode(Files.readString(jinja, StandardCharsets.UTF_8));
            }
            return Files.isRegularFile(json) ? json(json).get("chat_template") : null;
        } catch (IOException e) {
            throw new ModelLoadException(jinja, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int id(Path file, int id, int vocabSize, String token) {
        if (id < 0 || id >= vocabSize) {
            throw new ModelLoadException(file, "token " + token + " has id " + id + ", outside config.json's "
                    + "vocab_size " + vocabSize);
        }
        return id;
    }

    private static JsonNode json(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ModelLoadException(file, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw ModelLoadException.invalidJson(file, e);
        } catch (IOException e) {
            throw new ModelLoadException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "missing", e);
        }
    }
}
