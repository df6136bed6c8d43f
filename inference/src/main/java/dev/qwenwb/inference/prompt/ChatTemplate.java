package dev.qwenwb.inference.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.util.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's own chat template (the {@code chat_template} of its {@code tokenizer_config.json}),
 * rendered with a Jinja engine the way Hugging Face transformers' {@code apply_chat_template} does.
 *
 * <p>The engine is Jinjava, configured to behave like the jinja2 environment transformers uses
 * ({@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)}):
 * <ul>
 *   <li>{@code trim_blocks}/{@code lstrip_blocks} are applied to the source by {@link BlockWhitespace},
 *       because Jinjava's own {@code lstrip_blocks} also strips before tags in the middle of a line;</li>
 *   <li>{@code {{-}}/{@code -}}} trim around expressions too (Jinjava's legacy default trims only around
 *       tags, which left the indentation before every {@code <|im_start|>} of the Qwen2.5 template);</li>
 *   <li>message text is never interpreted as template code (Jinjava's nested interpretation is off);</li>
 *   <li>Python operator precedence; a {@code tojson} filter that writes
 *       {@code json.dumps(x, ensure_ascii=False)}; the {@code raise_exception(message)} global;</li>
 *   <li>as in jinja2, line endings of the source become {@code \n} and one final newline is dropped
 *       ({@code keep_trailing_newline=False}).</li>
 * </ul>
 * Not supported (Jinjava lacks them): Python string methods such as {@code content.startswith(...)} or
 * {@code .split(...)}, string repetition {@code 'ab' * 2}; booleans print as {@code true}, not {@code True}.
 *
 * <p>Variables a template sees: {@code messages} (maps with {@code role}, {@code content} and, for
 * assistant messages that call functions, {@code tool_calls} in the OpenAI shape
 * {@code {"type": "function", "function": {"name": ..., "arguments": {...}}}}), {@code tools},
 * {@code add_generation_prompt}, {@code bos_token} and {@code eos_token}.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class ChatTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(ChatTemplate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Jinjava ENGINE = newEngine();

    private final String source;
    private final String prepared;
    private final String bosToken;
    private final String eosToken;
    private final String origin;

    /**
     * A template from its Jinja source, with no {@code bos_token} or {@code eos_token}.
     *
     * @param source the Jinja source of the template
     */
    public ChatTemplate(String source) {
        this(source, null, null);
    }

    /**
     * A template from its Jinja source and the special tokens it may refer to.
     *
     * @param source the Jinja source of the template
     * @param bosToken the value of {@code bos_token}, or {@code null} if the tokenizer has none
     * @param eosToken the value of {@code eos_token}, or {@code null} if the tokenizer has none
     */
    public ChatTemplate(String source, String bosToken, String eosToken) {
        this(source, bosToken, eosToken, null);
    }

    private ChatTemplate(String source, String bosToken, String eosToken, String origin) {
        this.source = Objects.requireNonNull(source, "source");
        this.prepared = BlockWhitespace.apply(withoutTrailingNewline(source));
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.origin = origin;
    }

    /**
     * @param where the file (and key) the template comes from, e.g. {@code model.gguf (tokenizer.chat_template)}
     * @return this template, its errors naming {@code where}
     */
    public ChatTemplate from(String where) {
        return new ChatTemplate(source, bosToken, eosToken, where);
    }

    /**
     * Reads the template of a Hugging Face {@code tokenizer_config.json}: its {@code chat_template} string,
     * or from a list of named templates the one named {@code default}, or if the field is absent a
     * {@code chat_template.jinja} beside the file (where newer transformers save it). {@code bos_token} and
     * {@code eos_token} are read too (as strings or as {@code {"content": ...}} objects).
     *
     * @param tokenizerConfigJson path of the {@code tokenizer_config.json}
     * @return the template
     * @throws IllegalArgumentException naming the file, if it holds no usable chat template
     * @throws ModelLoadException naming the file, line and column, if it is not JSON
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ChatTemplate fromTokenizerConfig(Path tokenizerConfigJson) {
        JsonNode config;
        try {
            config = JSON.readTree(tokenizerConfigJson.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ModelLoadException.invalidJson(tokenizerConfigJson, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer config " + tokenizerConfigJson, e);
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(tokenizerConfigJson + " is not a JSON object");
        }
        String source = templateSource(config.get("chat_template"), tokenizerConfigJson);
        return new ChatTemplate(source, tokenText(config.get("bos_token")), tokenText(config.get("eos_token")),
                tokenizerConfigJson.toString());
    }

    private static String templateSource(JsonNode field, Path file) {
        if (field == null || field.isNull()) {
            Path sibling = file.toAbsolutePath().resolveSibling("chat_template.jinja");
            if (Files.isRegularFile(sibling)) {
                try {
                    return Files.readString(sibling);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read chat template " + sibling, e);
                }
            }
            throw new IllegalArgumentException(file + " has no \"chat_template\" (and no chat_template.jinja"
                    + " beside it): this tokenizer does not define a chat format");
        }
        if (field.isTextual()) {
            return field.asText();
        }
        if (field.isArray()) {
            for (JsonNode named : field) {
                if ("default".equals(named.path("name").asText(null)) && named.path("template").isTextual()) {
                    return named.get("template").asText();
                }
            }
            throw new IllegalArgumentException(file + ": \"chat_template\" is a list of named templates"
                    + " without one named \"default\"");
        }
        throw new IllegalArgumentException(file + ": \"chat_template\" must be a string or a list of named"
                + " templates, but is " + field.getNodeType().toString().toLowerCase());
    }

    private static String tokenText(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        if (token.isTextual()) {
            return token.asText();
        }
        return token.path("content").isTextual() ? token.get("content").asText() : null;
    }

    /**
     * Renders a conversation without tools.
     *
     * @param messages the conversation, oldest first
     * @param addGenerationPrompt whether to end with the header that starts the assistant's reply
     * @return the prompt text, exactly as {@code apply_chat_template(..., tokenize=False)} gives it
     * @throws ChatTemplateException if the template fails (syntax error, {@code raise_exception}, ...)
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, null, addGenerationPrompt);
    }

    /**
     * Renders a conversation with the functions the model may call.
     *
     * @param messages the conversation, oldest first
     * @param tools JSON-schema function descriptions ({@code {"type": "function", "function": {...}}}),
     *     printed in their map order; {@code null} or empty for none
     * @param addGenerationPrompt whether to end with the header that starts the assistant's reply
     * @return the prompt text, exactly as {@code apply_chat_template(..., tokenize=False)} gives it
     * @throws ChatTemplateException if the template fails (syntax error, {@code raise_exception}, ...)
     */
    public String render(List<ChatMessage> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt) {
        Objects.requireNonNull(messages, "messages");
        Map<String, Object> context = new HashMap<>();
        context.put("messages", TemplateValues.messages(messages));
        context.put("tools", tools == null || tools.isEmpty() ? null : tools);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result;
        TemplateBudget.start();
        try {
            result = ENGINE.renderForResult(prepared, context);
        } catch (TemplateBudget.Exceeded e) {
            throw failure(e.getMessage(), null);
        } catch (StackOverflowError e) {
            throw failure("it recursed too deeply", null);
        } catch (RuntimeException e) {
            throw failure(rootMessage(e), e);
        } finally {
            TemplateBudget.stop();
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(describe(error), error.getException());
            }
            LOG.debug("chat template warning: {}", describe(error));
        }
        return result.getOutput();
    }

    /** The Jinja source, as given or as read from the tokenizer config. */
    public String source() {
        return source;
    }

    private ChatTemplateException failure(String why, Throwable cause) {
        String where = origin == null ? "" : origin + ": ";
        LOG.debug("chat template failed", cause);
        // Jinjava's messages name its exception classes ("InterpretException: ..."): the user needs only the words
        String words = why.replaceAll("\\b(?:[a-z]+\\.)*[A-Z]\\w*(?:Exception|Error): ", "");
        return new ChatTemplateException(Printable.escape(where + "chat template failed: " + words));
    }

    private static String describe(TemplateError error) {
        Throwable raised = find(error.getException(), TemplateFunctions.TemplateRaisedException.class);
        if (raised != null) {
            return raised.getMessage();
        }
        String where = error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "";
        return error.getMessage() + where;
    }

    private static String rootMessage(Throwable e) {
        Throwable raised = find(e, TemplateFunctions.TemplateRaisedException.class);
        if (raised != null) {
            return raised.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** As jinja2's lexer: newlines normalised to {@code \n}, then ({@code keep_trailing_newline=False}) one final newline dropped. */
    private static String withoutTrailingNewline(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static Jinjava newEngine() {
        LegacyOverrides python = LegacyOverrides.newBuilder()
                .withUseTrimmingForNotesAndExpressions(true) // {{- x -}} trims like jinja2
                .withParseWhitespaceControlStrictly(true)
                .withUseNaturalOperatorPrecedence(true)
                .withEvaluateMapKeys(true)
                .withIterateOverMapKeys(true)
                .withKeepNullableLoopValues(true)
                .withUsePyishObjectMapper(true)
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(false) // applied by BlockWhitespace, as jinja2 does
                .withLstripBlocks(false)
                .withNestedInterpretationEnabled(false) // message text is data, never template code
                .withLegacyOverrides(python)
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(100)
                .withMaxOutputSize(TemplateBudget.MAX_CHARS)
                .withMaxStringLength(TemplateBudget.MAX_CHARS)
                .withMaxListSize(TemplateBudget.MAX_ELEMENTS)
                .withMaxMapSize(TemplateBudget.MAX_ELEMENTS)
                .withRangeLimit(TemplateBudget.MAX_RANGE)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerTag(new TemplateBudget.For());
        jinjava.getGlobalContext().registerTag(new TemplateBudget.If());
        jinjava.getGlobalContext().registerFilter(new TojsonFilter());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", TemplateFunctions.class, "raiseException", String.class));
        return jinjava;
    }
}
