package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.store.ReplyStats;
import dev.qwenwb.app.ui.store.ReplyVersion;
import dev.qwenwb.app.ui.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One message in the chat: its versions, the shown one's text, stats and streaming state. */
public final class MessageViewModel {

    /** Finish reason of a reply whose streaming was cut off by the app ending (saved mid-stream). */
    public static final String INTERRUPTED = "interrupted";

    private final String role;
    private final List<ReplyVersion> versions = new ArrayList<>();
    private final IntegerProperty selected = new SimpleIntegerProperty();
    private final IntegerProperty versionCount = new SimpleIntegerProperty();
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<ReplyStats> stats = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty prefilling = new SimpleBooleanProperty();
    private final BooleanProperty streaming = new SimpleBooleanProperty();

    MessageViewModel(StoredMessage stored) {
        this.role = stored.role();
        versions.addAll(stored.versions());
        select(stored.selected());
    }

    /** A saved message; a reply version saved mid-stream (no finish reason) is marked {@link #INTERRUPTED}. */
    static MessageViewModel restored(StoredMessage stored) {
        List<ReplyVersion> fixed = new ArrayList<>();
        for (ReplyVersion v : stored.versions()) {
            ReplyStats st = v.stats();
            boolean cut = !"user".equals(stored.role()) && st != null && st.finishReason() == null;
            fixed.add(cut ? new ReplyVersion(v.text(), new ReplyStats(st.ttftMs(), st.tokensPerS(), st.tokens(),
                    st.promptTokens(), INTERRUPTED), v.error()) : v);
        }
        return new MessageViewModel(new StoredMessage(stored.role(), fixed, stored.selected()));
    }

    static MessageViewModel user(String text) {
        return new MessageViewModel(new StoredMessage("user", List.of(new ReplyVersion(text, null, null)), 0));
    }

    static MessageViewModel emptyReply() {
        return new MessageViewModel(new StoredMessage("assistant",
                List.of(new ReplyVersion("", ReplyStats.none(), null)), 0));
    }

    public String role() {
        return role;
    }

    public boolean isUser() {
        return "user".equals(role);
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<ReplyStats> statsProperty() {
        return stats;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty prefillingProperty() {
        return prefilling;
    }

    public BooleanProperty streamingProperty() {
        return streaming;
    }

    /** Index of the shown version. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    public IntegerProperty versionCountProperty() {
        return versionCount;
    }

    /** The text of every version, oldest first. */
    public List<String> versionTexts() {
        return versions.stream().map(ReplyVersion::text).toList();
    }

    // Commands

    /** Shows version {@code i} (clamped). */
    public void select(int i) {
        int k = Math.max(0, Math.min(i, versions.size() - 1));
        ReplyVersion v = versions.get(k);
        versionCount.set(versions.size());
        selected.set(k);
        text.set(v.text());
        stats.set(v.stats());
        error.set(v.error());
    }

    /** Adds an empty version (a regeneration) and shows it. */
    void addVersion() {
        versions.add(new ReplyVersion("", ReplyStats.none(), null));
        select(versions.size() - 1);
    }

    /** Replaces the shown version with the live text and stats. */
    void update(String newText, ReplyStats newStats, String newError) {
        versions.set(selected.get(), new ReplyVersion(newText, newStats, newError));
        text.set(newText);
        stats.set(newStats);
        error.set(newError);
    }

    /** The saved form. */
    StoredMessage toStored() {
        return new StoredMessage(role, versions, selected.get());
    }
}
