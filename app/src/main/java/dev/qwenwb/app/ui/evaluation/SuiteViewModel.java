package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteException;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The suite to run: a built-in one or a file the user opens, loaded off the UI thread by the evaluation module's
 * {@link SuiteLoader}; a broken suite shows the loader's {@code file:line} message.
 */
public final class SuiteViewModel {

    private final Executor ui;
    private final Executor background;
    private final ObservableList<BuiltInSuites.Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<Suite> suite = new SimpleObjectProperty<>();
    private final ObservableList<EvalCase> cases = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private int generation;

    SuiteViewModel(Executor ui, Executor background, List<BuiltInSuites.Choice> builtIn) {
        this.ui = ui;
        this.background = background;
        choices.setAll(builtIn);
    }

    /** The built-in suites. */
    public ObservableList<BuiltInSuites.Choice> choices() {
        return choices;
    }

    /** The suite file chosen. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** The loaded suite, or null (loading, or broken). */
    public ObjectProperty<Suite> suiteProperty() {
        return suite;
    }

    /** The loaded suite's cases. */
    public ObservableList<EvalCase> cases() {
        return cases;
    }

    /** Why the chosen suite does not load ({@code file:line: …}), or null. */
    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    // Commands

    /** Loads {@code f} (off the UI thread). */
    public void choose(Path f) {
        int mine = ++generation;
        file.set(f);
        suite.set(null);
        cases.clear();
        error.set(null);
        loading.set(true);
        background.execute(() -> {
            Suite s = null;
            String problem = null;
            try {
                s = new SuiteLoader(CheckRegistry.standard()).load(f);
            } catch (SuiteException e) {
                problem = e.getMessage();
            } catch (RuntimeException e) {
                problem = I18n.t("eval.suiteFailed", f + ": " + ChatErrors.describe(e));
            }
            Suite loaded = s;
            String why = problem;
            ui.execute(() -> {
                if (mine != generation) {
                    return;
                }
                loading.set(false);
                error.set(why);
                suite.set(loaded);
                cases.setAll(loaded == null ? List.of() : loaded.cases());
            });
        });
    }
}
