package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.app.ui.common.I18n;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The artifacts pane: the conversation's artifacts, the selected one and version, its code, and run output.
 * A new or growing artifact is selected at its newest version, so the pane follows a streaming reply.
 */
public final class ArtifactsViewModel {

    private final Executor ui;
    private final Executor background;
    private final ArtifactRunner runner = new ArtifactRunner();
    private final ObservableList<Artifact> artifacts = FXCollections.observableArrayList();
    private final ObjectProperty<Artifact> selected = new SimpleObjectProperty<>();
    private final IntegerProperty version = new SimpleIntegerProperty(-1);
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty runOutput = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private final BooleanProperty scripts = new SimpleBooleanProperty();
    private final Set<String> scriptsAllowed = new HashSet<>();
    private List<Artifact> last = List.of();
    private Consumer<String> asker = prompt -> { };

    /** @param ui runs UI updates; @param background runs artifacts */
    public ArtifactsViewModel(Executor ui, Executor background) {
        this.ui = ui;
        this.background = background;
    }

    public ObservableList<Artifact> artifacts() {
        return artifacts;
    }

    public ObjectProperty<Artifact> selectedProperty() {
        return selected;
    }

    /** Index of the shown version of the selected artifact. */
    public IntegerProperty versionProperty() {
        return version;
    }

    /** Code of the shown version. */
    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty runOutputProperty() {
        return runOutput;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Whether the pane is expanded. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /**
     * Whether the selected artifact's preview may run JavaScript: off for every artifact until the user turns it
     * on for that one (read-only; {@link #allowScripts} changes it).
     */
    public ReadOnlyBooleanProperty scriptsProperty() {
        return scripts;
    }

    /** Where {@link #askAbout()} puts its prompt (the chat's input, wired by the window). */
    public void setAsker(Consumer<String> asker) {
        this.asker = asker;
    }

    // Commands

    /** Allows or forbids JavaScript in the selected artifact's preview (remembered per artifact). */
    public void allowScripts(boolean allow) {
        Artifact a = selected.get();
        if (a == null) {
            return;
        }
        if (allow) {
            scriptsAllowed.add(a.key());
        } else {
            scriptsAllowed.remove(a.key());
        }
        scripts.set(allow);
    }

    /** Hands a prompt about the shown version (title, language and code in a fence) to the chat, to be sent. */
    public void askAbout() {
        Artifact a = selected.get();
        if (a != null) {
            asker.accept(askPrompt(a.title(), a.language(), code.get()));
        }
    }

    /** "About {title} ({language}):" and the code in a fence longer than any backtick run inside it. */
    static String askPrompt(String title, String language, String code) {
        int longest = 0;
        int run = 0;
        for (char c : code.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return I18n.t("artifacts.askPrompt", title, language) + "\n\n" + fence + language + "\n" + code
                + (code.endsWith("\n") ? "" : "\n") + fence + "\n\n";
    }

    /** Rebuilds the artifacts from the replies' texts (oldest first). */
    public void update(List<String> replies) {
        List<Artifact> next = ArtifactCatalog.build(replies);
        if (next.equals(last)) {
            return;
        }
        Artifact changed = null;
        for (Artifact a : next) {
            Artifact before = find(last, a.key());
            if (before == null || !before.versions().equals(a.versions())) {
                changed = a;
            }
        }
        last = next;
        Artifact keep = selected.get() == null ? null : find(next, selected.get().key());
        artifacts.setAll(next);
        if (changed != null) {
            show(changed, changed.versions().size() - 1);
        } else if (keep != null) {
            show(keep, Math.min(version.get(), keep.versions().size() - 1));
        } else {
            show(next.isEmpty() ? null : next.get(next.size() - 1), Integer.MAX_VALUE);
        }
    }

    /** Selects {@code a} at its newest version. */
    public void select(Artifact a) {
        if (a != null && (selected.get() == null || !a.key().equals(selected.get().key()))) {
            show(a, a.versions().size() - 1);
        }
    }

    /** Shows version {@code i} of the selected artifact. */
    public void selectVersion(int i) {
        if (selected.get() != null) {
            show(selected.get(), i);
        }
    }

    /** The shown version against the one before it ("  ", "- ", "+ " lines); empty for the first version. */
    public List<String> diffToPrevious() {
        Artifact a = selected.get();
        int v = version.get();
        if (a == null || v <= 0) {
            return List.of();
        }
        return LineDiff.diff(a.versions().get(v - 1), a.versions().get(v));
    }

    /** Runs the shown code (Python, JavaScript) as a child process; output lands in {@link #runOutputProperty}. */
    public void run() {
        Artifact a = selected.get();
        if (a == null || running.get()) {
            return;
        }
        String lang = a.language();
        String src = code.get();
        running.set(true);
        runOutput.set("");
        background.execute(() -> {
            RunResult r = runner.run(lang, src);
            String text = r.problem() != null ? r.problem() : r.output() + "\n[" + r.summary() + "]";
            ui.execute(() -> {
                runOutput.set(text);
                running.set(false);
            });
        });
    }

    private void show(Artifact a, int v) {
        scripts.set(a != null && scriptsAllowed.contains(a.key()));
        selected.set(a);
        if (a == null) {
            version.set(-1);
            code.set("");
            return;
        }
        int k = Math.max(0, Math.min(v, a.versions().size() - 1));
        version.set(k);
        code.set(a.versions().get(k));
    }

    private static Artifact find(List<Artifact> list, String key) {
        for (Artifact a : list) {
            if (Objects.equals(a.key(), key)) {
                return a;
            }
        }
        return null;
    }
}
