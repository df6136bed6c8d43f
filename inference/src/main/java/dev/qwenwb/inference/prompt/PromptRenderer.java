package dev.qwenwb.inference.prompt;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a {@link Prompt} becomes text and token ids: chat messages through the model's own chat template,
 * Qwen2.5-Coder's fill-in-the-middle and repository-level formats through {@link CoderPrompts}, raw text as it is,
 * token ids untouched. Every engine that tokenizes locally renders through one of these.
 */
public final class PromptRenderer {

    /** Text to ids and back, as the engine's own tokenizer does it. */
    public interface Codec {
        /** @return the ids of {@code text}, special tokens recognised, nothing added */
        int[] encode(String text);

        /** @return the text of {@code ids}, special tokens kept */
        String decode(int[] ids);
    }

    private final ChatTemplate template;
    private final String templateSource;
    private final Codec codec;

    /**
     * @param template       the model's chat template, or null if it has none
     * @param templateSource where the template is (or would be) defined, named in the error when it is missing
     * @param codec          the model's tokenizer
     */
    public PromptRenderer(ChatTemplate template, String templateSource, Codec codec) {
        this.template = template;
        this.templateSource = templateSource;
        this.codec = codec;
    }

    /** @return the chat template, if the model has one */
    public Optional<ChatTemplate> template() {
        return Optional.ofNullable(template);
    }

    /**
     * @return the prompt's text, ids and the stops its format implies
     * @throws PromptException for a chat prompt when the model has no chat template (naming where it was looked for)
     */
    public RenderedPrompt render(Prompt prompt) {
        Set<Integer> stopIds = new HashSet<>();
        List<String> stops = List.of();
        String text;
        if (prompt instanceof Prompt.Tokens t) {
            int[] ids = t.ids();
            return new RenderedPrompt(codec.decode(ids), ids, stopIds, stops);
        } else if (prompt instanceof Prompt.Chat c) {
            text = chatTemplate().render(c.messages(), c.tools(), true);
        } else if (prompt instanceof Prompt.Fim f) {
            text = CoderPrompts.fim(f.prefix(), f.suffix());
            stopIds.addAll(CoderPrompts.FIM_STOP_TOKEN_IDS);
        } else if (prompt instanceof Prompt.Repo r) {
            text = CoderPrompts.repoLevel(r.repoName(), r.files());
            stops = CoderPrompts.STOP_STRINGS;
        } else {
            text = ((Prompt.Raw) prompt).text();
        }
        int[] ids = codec.encode(text);
        if (ids.length == 0) {
            throw new PromptException("the prompt is empty: at least one token is needed");
        }
        return new RenderedPrompt(text, ids, stopIds, stops);
    }

    /** @return the chat template, or the one error every caller reports when there is none */
    public ChatTemplate chatTemplate() {
        if (template == null) {
            throw new PromptException(templateSource + ": the model has no chat_template, so it cannot take chat "
                    + "messages; send a raw prompt instead (--raw on the command line)");
        }
        return template;
    }
}
