package dev.qwenwb.app.ui.conversations;

import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The saved conversations, newest first, filtered by a title search. */
public final class ConversationListViewModel {

    private final ConversationStore store;
    private final ObservableList<Conversation> all = FXCollections.observableArrayList();
    private final FilteredList<Conversation> shown = new FilteredList<>(all);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Conversation> selected = new SimpleObjectProperty<>();
    private final List<ConversationStore.Broken> broken;

    /** Lists what {@code store} holds. */
    public ConversationListViewModel(ConversationStore store) {
        this.store = store;
        search.addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(c -> q.isEmpty() || c.title().toLowerCase(Locale.ROOT).contains(q));
        });
        ConversationStore.Loaded loaded = store.load();
        all.setAll(loaded.conversations());
        broken = List.copyOf(loaded.broken());
    }

    /** The files that could not be read at start, moved to {@link ConversationStore#brokenDir()}. */
    public List<ConversationStore.Broken> broken() {
        return broken;
    }

    /** The folder unreadable conversations are kept in. */
    public java.nio.file.Path brokenDir() {
        return store.brokenDir();
    }

    /** The conversations shown (search applied). */
    public ObservableList<Conversation> shown() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The conversation open in the chat. */
    public ObjectProperty<Conversation> selectedProperty() {
        return selected;
    }

    // Commands

    /** Saves {@code c} and puts it at the top of the list (replacing its older state). */
    public void saved(Conversation c) {
        store.save(c);
        int i = indexOf(c.id());
        if (i >= 0) {
            all.set(i, c);
        } else {
            all.add(c);
        }
        FXCollections.sort(all, Comparator.comparingLong(Conversation::updated).reversed());
        if (selected.get() == null || selected.get().id().equals(c.id())) {
            selected.set(c);
        }
    }

    /** Deletes a conversation's file and entry. */
    public void delete(Conversation c) {
        store.delete(c.id());
        int i = indexOf(c.id());
        if (i >= 0) {
            all.remove(i);
        }
    }

    private int indexOf(String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
