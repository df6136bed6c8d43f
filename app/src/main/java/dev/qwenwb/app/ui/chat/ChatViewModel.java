package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.app.ui.store.StoredMessage;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.prompt.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open conversation: its messages, the prompt being typed, and the verbs send, stop, regenerate, edit and
 * delete. Each change is handed to a saver as a {@link Conversation}. Never touches a control.
 */
public final class ChatViewModel {

    /** Title of a conversation before its first message names it. */
    public static final String NEW_TITLE = "New conversation";

    /** How often at most a streaming reply is saved with its partial text (so a crash keeps most of it). */
    static final long PARTIAL_SAVE_MS = 1000;

    private final Executor ui;
    private final Consumer<Conversation> saver;
    private final ObjectProperty<ChatGenerator> generator = new SimpleObjectProperty<>();
    private final ObservableList<MessageViewModel> messages = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty("");
    private final StringProperty title = new SimpleStringProperty(NEW_TITLE);
    private final StringProperty notice = new SimpleStringProperty();
    private final BooleanProperty generating = new SimpleBooleanProperty();
    private final javafx.beans.binding.BooleanBinding canRegenerate;
    private final ObjectProperty<MessageViewModel> editing = new SimpleObjectProperty<>();
    private final IntegerProperty contextUsed = new SimpleIntegerProperty();
    private final ObjectProperty<ConversationSettings> settings =
            new SimpleObjectProperty<>(ConversationSettings.defaults());
    private final SaveThrottle partialSaves;
    private String id = UUID.randomUUID().toString();
    private long created = System.currentTimeMillis();
    private GenerationHandle handle;

    /**
     * @param ui    runs UI updates ({@code Platform::runLater} in the app, direct in tests)
     * @param saver receives the conversation after each change (on the UI thread)
     */
    public ChatViewModel(Executor ui, Consumer<Conversation> saver) {
        this(ui, saver, PARTIAL_SAVE_MS);
    }

    /** As above, saving a streaming reply at most every {@code partialSaveMs}. */
    ChatViewModel(Executor ui, Consumer<Conversation> saver, long partialSaveMs) {
        this.ui = ui;
        this.saver = saver;
        this.partialSaves = new SaveThrottle(ui, partialSaveMs);
        generator.addListener((o, a, b) -> {
            if (b != null && I18n.t("chat.noModel").equals(notice.get())) {
                notice.set(null); // a model is loaded now: the advice to load one is stale
            }
        });
        canRegenerate = javafx.beans.binding.Bindings.createBooleanBinding(() -> !generating.get()
                && !messages.isEmpty() && generator.get() != null, generating, messages, generator);
    }

    /** Whether {@link #regenerate()} can act: a model, a conversation with a message, nothing streaming. */
    public javafx.beans.binding.BooleanBinding canRegenerateProperty() {
        return canRegenerate;
    }

    public ObjectProperty<ChatGenerator> generatorProperty() {
        return generator;
    }

    public ObservableList<MessageViewModel> messages() {
        return messages;
    }

    public StringProperty inputProperty() {
        return input;
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** A problem to show above the input (no model, load error, …), or null. */
    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty generatingProperty() {
        return generating;
    }

    /** The user message whose text is in the input for editing (the next send replaces it), or null. */
    public ObjectProperty<MessageViewModel> editingProperty() {
        return editing;
    }

    /** Tokens of the context the last turn used (prompt + reply). */
    public IntegerProperty contextUsedProperty() {
        return contextUsed;
    }

    public ObjectProperty<ConversationSettings> settingsProperty() {
        return settings;
    }

    /** The open conversation's id. */
    public String id() {
        return id;
    }

    // Commands

    /**
     * Shows {@code c} (stopping a running reply first, which is saved with its partial text). A reply saved while
     * it streamed (the app ended mid-reply) shows as {@value MessageViewModel#INTERRUPTED}.
     */
    public void open(Conversation c) {
        stop();
        id = c.id();
        created = c.created();
        title.set(c.title());
        settings.set(c.settings());
        List<MessageViewModel> vms = new ArrayList<>();
        c.messages().forEach(m -> vms.add(MessageViewModel.restored(m)));
        editing.set(null);
        messages.setAll(vms);
        contextUsed.set(0);
        notice.set(null);
    }

    /** Starts a new, empty conversation (saved once it has a message). */
    public void openNew() {
        open(new Conversation(UUID.randomUUID().toString(), NEW_TITLE, System.currentTimeMillis(),
                System.currentTimeMillis(), settings.get(), List.of()));
    }

    /** Sends the typed prompt. */
    public void send() {
        String text = input.get() == null ? "" : input.get().strip();
        if (text.isEmpty() || generating.get()) {
            return;
        }
        if (generator.get() == null) {
            notice.set(I18n.t("chat.noModel"));
            return;
        }
        input.set("");
        MessageViewModel edited = editing.get();
        editing.set(null);
        if (edited != null && messages.contains(edited)) { // resend from there: drop it and every later turn
            messages.remove(messages.indexOf(edited), messages.size());
        }
        if (NEW_TITLE.equals(title.get())) {
            String line = text.lines().findFirst().orElse(text);
            title.set(line.length() > 48 ? line.substring(0, 47) + "…" : line);
        }
        messages.add(MessageViewModel.user(text));
        MessageViewModel reply = MessageViewModel.emptyReply();
        messages.add(reply);
        save();
        start(reply);
    }

    /** Stops the running reply; its partial text stays. */
    public void stop() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Generates the last reply again as a new version (earlier versions stay, switchable). */
    public void regenerate() {
        if (generating.get() || messages.isEmpty() || generator.get() == null) {
            return;
        }
        MessageViewModel last = messages.get(messages.size() - 1);
        if (last.isUser()) {
            MessageViewModel reply = MessageViewModel.emptyReply();
            messages.add(reply);
            start(reply);
            return;
        }
        last.addVersion();
        start(last);
    }

    /**
     * Puts the text of user message {@code m} into the input; sending then replaces {@code m}, drops the turns
     * after it and streams a new reply. Ignored while a reply streams.
     */
    public void edit(MessageViewModel m) {
        if (generating.get() || !m.isUser() || !messages.contains(m)) {
            return;
        }
        editing.set(m);
        input.set(m.textProperty().get());
    }

    /** Leaves editing without changing anything (the input is cleared). */
    public void cancelEdit() {
        if (editing.get() != null) {
            editing.set(null);
            input.set("");
        }
    }

    /**
     * Deletes {@code m}: a user message goes with the reply that answers it, a reply goes alone. Saved at once.
     * Ignored while a reply streams.
     */
    public void delete(MessageViewModel m) {
        int i = messages.indexOf(m);
        if (generating.get() || i < 0) {
            return;
        }
        int end = i + 1;
        if (m.isUser() && end < messages.size() && !messages.get(end).isUser()) {
            end++;
        }
        if (messages.subList(i, end).contains(editing.get())) {
            cancelEdit();
        }
        messages.remove(i, end);
        saver.accept(snapshot()); // also when nothing is left, so the file loses the messages too
    }

    /** Renames the conversation. */
    public void rename(String newTitle) {
        if (newTitle != null && !newTitle.isBlank()) {
            title.set(newTitle.strip());
            save();
        }
    }

    /** Replaces the generation settings. */
    public void applySettings(ConversationSettings s) {
        settings.set(s);
        save();
    }

    /** Shows version {@code i} of {@code message} and saves the choice. */
    public void selectVersion(MessageViewModel message, int i) {
        if (!message.streamingProperty().get()) {
            message.select(i);
            save();
        }
    }

    /** The conversation as it would be saved now. */
    public Conversation snapshot() {
        List<StoredMessage> stored = new ArrayList<>();
        messages.forEach(m -> stored.add(m.toStored()));
        return new Conversation(id, title.get(), created, System.currentTimeMillis(), settings.get(), stored);
    }

    /**
     * Texts of the replies, oldest first, every version of each (what the artifacts come from: a regenerated
     * reply's code becomes a new version of the same artifact).
     */
    public List<String> replyTexts() {
        List<String> texts = new ArrayList<>();
        messages.stream().filter(m -> !m.isUser()).forEach(m -> texts.addAll(m.versionTexts()));
        return texts;
    }

    private void start(MessageViewModel reply) {
        List<ChatMessage> context = new ArrayList<>();
        for (MessageViewModel m : messages) {
            if (m == reply) {
                break;
            }
            String t = m.textProperty().get();
            context.add(m.isUser() ? ChatMessage.user(t) : ChatMessage.assistant(t));
        }
        notice.set(null);
        partialSaves.savedNow();
        generating.set(true);
        reply.streamingProperty().set(true);
        reply.prefillingProperty().set(true);
        List<MessageViewModel> owner = new ArrayList<>(messages);
        Conversation base = new Conversation(id, title.get(), created, 0, settings.get(), List.of());
        ReplyListener listener = new ReplyListener(ui, s -> apply(reply, s), s -> finish(reply, s, base, owner));
        try {
            handle = generator.get().generate(id, context, settings.get(), listener);
        } catch (RuntimeException e) {
            listener.onFinish(null, e);
        }
    }

    private void apply(MessageViewModel reply, ReplyListener.Snapshot s) {
        if (!reply.streamingProperty().get()) {
            return; // a late update after the finish
        }
        reply.prefillingProperty().set(s.prefilling());
        reply.update(s.text(), s.stats(), s.error());
        if (messages.contains(reply)) {
            contextUsed.set(s.stats().promptTokens() + s.stats().tokens());
            partialSaves.changed(() -> {
                if (reply.streamingProperty().get() && messages.contains(reply)) {
                    save();
                }
            });
        }
    }

    private void finish(MessageViewModel reply, ReplyListener.Snapshot s, Conversation base,
                        List<MessageViewModel> owner) {
        partialSaves.cancel();
        reply.prefillingProperty().set(false);
        reply.update(s.text(), s.stats(), s.error() == null ? null : I18n.t("chat.replyFailed", s.error()));
        reply.streamingProperty().set(false);
        handle = null;
        if (base.id().equals(id)) {
            contextUsed.set(s.stats().promptTokens() + s.stats().tokens());
            save();
        } else { // the user switched conversations while it streamed: save the one it belongs to
            List<StoredMessage> stored = new ArrayList<>();
            owner.forEach(m -> stored.add(m.toStored()));
            saver.accept(new Conversation(base.id(), base.title(), base.created(), System.currentTimeMillis(),
                    base.settings(), stored));
        }
        generating.set(false); // idle only once the finished reply is saved
    }

    private void save() {
        if (!messages.isEmpty()) {
            saver.accept(snapshot());
        }
    }
}
