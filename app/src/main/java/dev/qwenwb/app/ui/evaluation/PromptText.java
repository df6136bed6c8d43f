package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RepoFile;

/** A case's prompt as the suite writes it, for results that do not carry the exact text sent (replays). */
final class PromptText {

    private PromptText() {
    }

    /** @return the prompt in readable form: each message under its role, or the completion text */
    static String of(Prompt p) {
        StringBuilder sb = new StringBuilder();
        if (p instanceof Prompt.Chat c) {
            for (ChatMessage m : c.messages()) {
                sb.append('[').append(m.role()).append("]\n").append(m.content()).append("\n\n");
            }
        } else if (p instanceof Prompt.Raw r) {
            sb.append(r.text());
        } else if (p instanceof Prompt.Fim f) {
            sb.append("[prefix]\n").append(f.prefix()).append("\n\n[suffix]\n").append(f.suffix());
        } else if (p instanceof Prompt.Repo r) {
            sb.append("[repository ").append(r.repoName()).append("]\n");
            for (RepoFile f : r.files()) {
                sb.append("\n[file ").append(f.path()).append("]\n").append(f.content()).append('\n');
            }
        } else {
            sb.append(p);
        }
        return sb.toString().strip();
    }

    /** @return the user-visible text to open in the chat: the last user message, or the whole prompt */
    static String userText(Prompt p) {
        if (p instanceof Prompt.Chat c) {
            for (int i = c.messages().size() - 1; i >= 0; i--) {
                if (ChatMessage.USER.equals(c.messages().get(i).role())) {
                    return c.messages().get(i).content();
                }
            }
        }
        return of(p);
    }
}
