package dev.qwenwb.app.ui.store;

import java.util.List;

/**
 * A message of a saved conversation.
 *
 * @param role     user or assistant
 * @param versions every version, oldest first (never empty)
 * @param selected the index of the version shown and sent as context
 */
public record StoredMessage(String role, List<ReplyVersion> versions, int selected) {

    public StoredMessage {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one version");
        }
        selected = Math.max(0, Math.min(selected, versions.size() - 1));
    }

    /** The version shown. */
    public ReplyVersion current() {
        return versions.get(selected);
    }
}
