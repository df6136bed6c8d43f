package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.evaluation.ConfigurationsViewModel;
import dev.qwenwb.app.ui.evaluation.EvaluationSettings;
import dev.qwenwb.app.ui.evaluation.SavedConfiguration;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation view's configurations and sets are saved with the app settings and come back after a restart. */
class EvaluationSettingsTest {

    @TempDir
    Path data;

    private WorkbenchViewModel window() {
        return new WorkbenchViewModel(new DataFolder(data), Runnable::run, Runnable::run,
                source -> new ScriptedGenerator(0, List.of("hi")).chat());
    }

    @Test
    void settingsWrittenBeforeTheEvaluationViewLoadWithItsDefaults() throws Exception {
        Files.writeString(data.resolve("settings.json"), "{\"theme\":\"dark\",\"recentModels\":[],"
                + "\"engine\":{\"dtype\":\"f32\"}}");
        AppSettings s = AppSettings.load(data.resolve("settings.json"));
        assertThat(s.theme()).isEqualTo("dark");
        assertThat(s.evaluation()).isEqualTo(EvaluationSettings.defaults());
    }

    @Test
    void configurationsAndSetsSurviveARestart() {
        WorkbenchViewModel first = window();
        ConfigurationsViewModel cs = first.evaluation().configurations();
        assertThat(cs.items()).extracting(c -> c.nameProperty().get()).containsExactly("article-answers", "demo");
        cs.items().get(1).setting("max_tokens").set("64");
        cs.rename(cs.items().get(1), "demo-64");
        cs.saveSet("mine");
        first.evaluation().repeatsProperty().set(3);
        first.evaluation().saveNow();

        WorkbenchViewModel again = window();
        ConfigurationsViewModel back = again.evaluation().configurations();
        assertThat(back.items()).extracting(c -> c.nameProperty().get()).containsExactly("article-answers", "demo-64");
        assertThat(back.items().get(1).setting("max_tokens").get()).isEqualTo("64");
        assertThat(back.setNames()).containsExactly("mine");
        assertThat(again.evaluation().repeatsProperty().get()).isEqualTo(3);
        EvaluationSettings saved = AppSettings.load(new DataFolder(data).settingsFile()).evaluation();
        assertThat(saved.sets().get("mine")).extracting(SavedConfiguration::name)
                .containsExactly("article-answers", "demo-64");
        assertThat(saved.sets().get("mine").get(1).settings()).containsEntry("model", "demo");
    }

    @Test
    void anAnswerOpenedAsAnArtifactBecomesAConversationWithTheArtifactShown() {
        WorkbenchViewModel w = window();
        w.viewProperty().set(MainView.EVALUATION);
        w.artifacts().shownProperty().set(false);
        String answer = "Here:\n\n```python\ndef add(a, b):\n    return a + b\n```\n";
        w.openInChat("add", List.of(dev.qwenwb.inference.prompt.ChatMessage.system("be brief"),
                dev.qwenwb.inference.prompt.ChatMessage.user("write add")), answer,
                new dev.qwenwb.evaluation.stats.Metrics(12, 9, 40, 300, 25, 30, 31, 32, 400, 100, 5, "eos"), true);
        assertThat(w.viewProperty().get()).isEqualTo(MainView.CHAT);
        assertThat(w.chat().messages()).extracting(m -> m.textProperty().get()).containsExactly("write add", answer);
        assertThat(w.chat().settingsProperty().get().systemPrompt()).isEqualTo("be brief");
        assertThat(w.artifacts().shownProperty().get()).isTrue();
        assertThat(w.artifacts().codeProperty().get()).isEqualTo("def add(a, b):\n    return a + b");
        assertThat(w.conversations().shown()).extracting(c -> c.title()).containsExactly("add");
    }

    @Test
    void theRecordKeepsOrderAndCopies() {
        EvaluationSettings e = EvaluationSettings.defaults()
                .withConfigurations(List.of(new SavedConfiguration("a", Map.of("backend", "engine"))))
                .withOpenedRun("/x").withOpenedRun("/y").withOpenedRun("/x");
        assertThat(e.openedRuns()).containsExactly("/x", "/y");
        assertThat(e.withRepeats(0).repeats()).isEqualTo(1);
    }
}
