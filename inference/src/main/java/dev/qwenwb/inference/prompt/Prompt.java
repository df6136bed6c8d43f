package dev.qwenwb.inference.prompt;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks a model to continue, in one of the forms Qwen2.5 understands. Rendering to text and token
 * ids happens in one place, {@link PromptRenderer}; a remote engine sends chat messages as they are.
 */
public sealed interface Prompt permits Prompt.Chat, Prompt.Raw, Prompt.Fim, Prompt.Repo, Prompt.Tokens {

    /** @return a short name of the form: {@code chat}, {@code raw}, {@code fim}, {@code repo} or {@code tokens} */
    String kind();

    /**
     * Chat messages, rendered with the model's own chat template and its generation prompt.
     *
     * @param messages the conversation so far (a system message first, if any); at least one
     * @param tools    the functions the model may call, as OpenAI describes them ({@code {"type": "function",
     *                 "function": {"name", "description", "parameters"}}}), rendered by the chat template's own tools
     *                 section; empty = none
     */
    record Chat(List<ChatMessage> messages, List<Map<String, Object>> tools) implements Prompt {
        public Chat {
            if (messages == null || messages.isEmpty()) {
                throw new IllegalArgumentException("a chat prompt needs at least one message");
            }
            messages = List.copyOf(messages);
            tools = tools == null ? List.of() : List.copyOf(tools);
        }

        /** A chat without tools. */
        public Chat(List<ChatMessage> messages) {
            this(messages, List.of());
        }

        @Override
        public String kind() {
            return "chat";
        }
    }

    /** Text sent as it is (a completion prompt; special tokens in it are recognised). */
    record Raw(String text) implements Prompt {
        public Raw {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String kind() {
            return "raw";
        }
    }

    /** Qwen2.5-Coder fill-in-the-middle: the model writes the code between {@code prefix} and {@code suffix}. */
    record Fim(String prefix, String suffix) implements Prompt {
        public Fim {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(suffix, "suffix");
        }

        @Override
        public String kind() {
            return "fim";
        }
    }

    /** Qwen2.5-Coder repository-level completion: the files, the open one last (see {@link CoderPrompts#repoLevel}). */
    record Repo(String repoName, List<RepoFile> files) implements Prompt {
        public Repo {
            Objects.requireNonNull(repoName, "repoName");
            if (files == null || files.isEmpty()) {
                throw new IllegalArgumentException("a repository-level prompt needs at least one file");
            }
            files = List.copyOf(files);
        }

        @Override
        public String kind() {
            return "repo";
        }
    }

    /** Token ids sent as they are. */
    record Tokens(int[] ids) implements Prompt {
        public Tokens {
            if (ids == null || ids.length == 0) {
                throw new IllegalArgumentException("the prompt is empty: at least one token id is needed");
            }
            ids = ids.clone();
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public String kind() {
            return "tokens";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tokens t && Arrays.equals(ids, t.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Tokens" + Arrays.toString(ids);
        }
    }

    /** @return a chat prompt */
    static Prompt chat(List<ChatMessage> messages) {
        return new Chat(messages);
    }

    /** @return a chat prompt whose model may call these functions (OpenAI's {@code tools} objects) */
    static Prompt chat(List<ChatMessage> messages, List<Map<String, Object>> tools) {
        return new Chat(messages, tools);
    }

    /** @return a chat prompt of one user message, after a system message unless {@code system} is null or blank */
    static Prompt user(String system, String text) {
        return system == null || system.isBlank() ? new Chat(List.of(ChatMessage.user(text)))
                : new Chat(List.of(ChatMessage.system(system), ChatMessage.user(text)));
    }

    /** @return a raw text prompt */
    static Prompt raw(String text) {
        return new Raw(text);
    }

    /** @return a fill-in-the-middle prompt */
    static Prompt fim(String prefix, String suffix) {
        return new Fim(prefix, suffix);
    }

    /** @return a repository-level prompt */
    static Prompt repo(String repoName, List<RepoFile> files) {
        return new Repo(repoName, files);
    }

    /** @return a prompt of token ids */
    static Prompt tokens(int... ids) {
        return new Tokens(ids);
    }
}
