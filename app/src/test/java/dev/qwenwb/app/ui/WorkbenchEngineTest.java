package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.app.ui.store.ReplyStats;
import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** End to end: the real window on the real engine with the tiny random Qwen2 (greedy, a few tokens). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.concurrent.atomic.AtomicInteger TESTS = new java.util.concurrent.atomic.AtomicInteger();
    private static final String SCHEMA = "{\"type\": \"object\", \"properties\": {\"mood\": {\"enum\": [\"happy\", "
            + "\"sad\"]}, \"score\": {\"type\": \"integer\"}, \"sure\": {\"type\": \"boolean\"}}, "
            + "\"required\": [\"mood\", \"score\", \"sure\"]}";

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        // a data folder per test: a conversation one test left must not be restored into the next
        DataFolder folder = new DataFolder(data.resolve("test" + TESTS.incrementAndGet()));
        vm = new WorkbenchViewModel(folder, Platform::runLater, background, source ->
                new EngineGenerator(DjlModel.load(TinyModels.tiny(TensorDType.F32),
                        EngineOptions.defaults().withContextLength(256)), "tiny random model"));
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en")); // tests click English labels
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        vm.models().close();
        background.shutdownNow();
    }

    @Test
    void theTinyModelAnswersInTheWindowWithStats(FxRobot robot) throws Exception {
        loadDemoModel(robot);
        assertThat(robot.lookup("#status-device").queryAs(Label.class).getText()).contains("cpu");
        robot.interact(() -> vm.chat().applySettings(
                new ConversationSettings(null, 0.0, null, null, null, 6, 1L)));
        robot.clickOn("#prompt").write("hello").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.chat().messages().size() == 2
                && !vm.chat().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        ReplyStats stats = vm.chat().messages().get(1).statsProperty().get();
        assertThat(stats.tokens()).isBetween(1, 6);
        assertThat(stats.finishReason()).isIn("max_tokens", "eos");
        assertThat(stats.ttftMs()).isPositive();
        assertThat(stats.promptTokens()).isPositive();
        assertThat(vm.chat().messages().get(1).errorProperty().get()).isNull();
        String context = robot.lookup("#status-context").queryAs(Label.class).getText();
        assertThat(context).endsWith("/ 256").doesNotContain("context 0 ");
        assertThat(vm.conversations().shown()).hasSize(1);
    }

    /**
     * The conversation settings' "Response format": JSON schema chosen in the dialog (a schema the grammar cannot
     * take marks the field and keeps OK disabled), and the tiny random model's reply is then JSON that validates.
     */
    @Test
    void aJsonSchemaChosenInTheSettingsMakesTheReplyValidJson(FxRobot robot) throws Exception {
        loadDemoModel(robot);

        robot.clickOn("#settings");
        assertThat(robot.lookup("#settings-json-schema").query().isVisible()).as("only for JSON schema").isFalse();
        robot.clickOn("#settings-format");
        robot.clickOn("JSON schema");
        TextArea schema = robot.lookup("#settings-json-schema").queryAs(TextArea.class);
        assertThat(schema.isVisible()).isTrue();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Node ok = pane.lookupButton(pane.getButtonTypes().stream()
                .filter(DialogButtons::isOk).findFirst().orElseThrow());
        assertThat(ok.isDisabled()).as("no schema yet").isTrue();

        robot.interact(() -> schema.setText("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/x\"}}}"));
        assertThat(ok.isDisabled()).isTrue();
        assertThat(schema.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("danger"));
        assertThat(robot.lookup("#settings-error").queryAs(Label.class).getText())
                .startsWith("JSON schema: ").contains("'$ref' is not supported");

        robot.interact(() -> schema.setText(SCHEMA));
        robot.clickOn("#settings-max-tokens").write("80");
        assertThat(schema.getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("danger"));
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        ConversationSettings s = vm.chat().settingsProperty().get();
        assertThat(s.responseFormat()).isEqualTo("json_schema");
        assertThat(JSON.readTree(s.jsonSchema())).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(s.maxTokens()).isEqualTo(80);

        robot.clickOn("#prompt").write("How do you feel?").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.chat().messages().size() == 2
                && !vm.chat().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String reply = vm.chat().replyTexts().get(0);
        assertThat(vm.chat().messages().get(1).errorProperty().get()).isNull();
        // the evaluation's own validator: random weights, yet JSON valid under the schema
        ObjectNode options = JSON.createObjectNode().put("type", "json-schema");
        options.set("schema", JSON.readTree(SCHEMA));
        CheckResult r = CheckRegistry.standard().create(new CheckSpec("json-schema", false, options, "test"))
                .evaluate(new Answer("chat", reply, Metrics.NONE));
        assertThat(r.pass()).as("%s: %s", reply, r.reason()).isTrue();

        robot.clickOn("#settings");
        assertThat(robot.lookup("#settings-json-schema").queryAs(TextArea.class).getText()).as("kept")
                .isEqualTo(SCHEMA);
        assertThat(robot.lookup("#settings-max-tokens").queryAs(TextField.class).getText()).isEqualTo("80");
        robot.type(KeyCode.ESCAPE);
    }

    private void loadDemoModel(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("Demo model"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> vm.models().stateProperty().get() == LoadState.READY);
    }
}
