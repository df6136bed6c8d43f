package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.chat.MessageView;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationStore;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real window headless (Monocle) on a scripted generator: type a prompt, watch it stream with stats,
 * see the artifact highlighted, regenerate and switch versions, stop, switch conversations, and restart over
 * the same data folder.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    private static final String CODE = "def add(a, b):\n    return a + b";
    private static final String REPLY_1 = "Here is `add`:\n\n```python\n" + CODE + "\n```\n\nDone.";
    private static final String REPLY_2 = "Better:\n\n```python\ndef add(a, b):\n    return b + a\n```\n";

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private ScriptedGenerator generator;
    private WorkbenchViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        generator = new ScriptedGenerator(3, ScriptedGenerator.tokens(REPLY_1, 3),
                ScriptedGenerator.tokens(REPLY_2, 2), ScriptedGenerator.tokens("partial reply that goes on", 1));
        vm = new WorkbenchViewModel(new DataFolder(data.resolve("w" + System.nanoTime())), Platform::runLater,
                background, source -> generator.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en")); // tests click English labels
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void loadModel(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("Demo model"));
        await("model ready", () -> vm.models().stateProperty().get() == LoadState.READY);
    }

    /** Waits until no reply is streaming and the message list shows {@code shown}. */
    private void awaitReply(FxRobot robot, String what, String shown) throws Exception {
        await(what, () -> !vm.chat().generatingProperty().get()
                && text(robot.lookup("#message-list").query()).contains(shown));
    }

    private void ask(FxRobot robot, String prompt) throws Exception {
        robot.clickOn("#prompt").write(prompt).type(KeyCode.ENTER);
    }

    private static String text(Node root) {
        StringBuilder sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, sb));
        }
        if (n instanceof TextFlow) {
            sb.append('\n');
        }
    }

    private List<MessageView> messages(FxRobot robot) {
        return robot.lookup(".message").queryAllAs(MessageView.class).stream().toList();
    }

    @Test
    void chatStreamsAReplyWithStatsAndItsCodeBecomesAHighlightedArtifact(FxRobot robot) throws Exception {
        loadModel(robot);
        assertThat(robot.lookup("#status-model").queryAs(Label.class).getText()).contains("scripted-model");
        ask(robot, "Write add");
        awaitReply(robot, "reply streamed", "Done.");
        List<MessageView> views = messages(robot);
        assertThat(views).hasSize(2);
        String reply = text(views.get(1));
        assertThat(reply).contains("return a + b").contains("tok/s").contains("eos").contains("TTFT");
        assertThat(robot.lookup("#chat-title").queryAs(Label.class).getText()).isEqualTo("Write add");
        assertThat(robot.lookup("#status-context").queryAs(Label.class).getText()).contains("/ 128");

        CodeArea code = robot.lookup("#artifact-code").queryAs(CodeArea.class);
        await("artifact highlighted", () -> code.getText().equals(CODE)
                && code.getStyleOfChar(1).contains("keyword"));
        assertThat(code.getStyleOfChar(CODE.indexOf("return") + 1)).contains("keyword");

        robot.clickOn("#regenerate");
        await("second version", () -> !vm.chat().generatingProperty().get()
                && code.getText().contains("b + a"));
        assertThat(robot.lookup("#artifact-version").queryAs(Label.class).getText()).isEqualTo("version 2 of 2");
        robot.clickOn("#artifact-prev");
        await("first version shown", () -> code.getText().equals(CODE));
        assertThat(robot.lookup("#artifact-version").queryAs(Label.class).getText()).isEqualTo("version 1 of 2");
        assertThat(text(robot.lookup(".version-switcher").query())).contains("2 / 2");
        robot.clickOn(".version-prev");
        await("reply version 1", () -> text(messages(robot).get(1)).contains("Done."));
    }

    @Test
    void stopKeepsThePartialReplyAndConversationsSurviveARestart(FxRobot robot) throws Exception {
        loadModel(robot);
        ask(robot, "first chat");
        awaitReply(robot, "first reply", "Done.");
        robot.clickOn("#new-conversation");
        generator.holdAfter(2);
        ask(robot, "second chat");
        await("streaming", () -> vm.chat().messages().size() == 2
                && vm.chat().messages().get(1).textProperty().get().length() >= 2);
        await("two tokens shown", () -> text(robot.lookup("#message-list").query()).contains("Bett"));
        robot.clickOn("#stop");
        await("stopped", () -> !vm.chat().generatingProperty().get());
        String partial = text(messages(robot).get(1));
        assertThat(partial).contains("Bett").contains("cancelled").doesNotContain("Better:\n");

        @SuppressWarnings("unchecked")
        ListView<Conversation> list = robot.lookup("#conversations").queryAs(ListView.class);
        assertThat(list.getItems()).extracting(Conversation::title).containsExactly("second chat", "first chat");
        robot.clickOn(n -> n instanceof javafx.scene.control.ListCell<?> c && "first chat".equals(c.getText()));
        await("first chat open", () -> "first chat".equals(vm.chat().titleProperty().get()));
        robot.clickOn("#conversation-search").write("second");
        await("search filters", () -> list.getItems().size() == 1);

        // restart: a new window over the same data folder
        DataFolder folder = vm.data();
        WorkbenchViewModel[] again = new WorkbenchViewModel[1];
        robot.interact(() -> {
            stage.close();
            Stage next = new Stage();
            again[0] = new WorkbenchViewModel(folder, Platform::runLater, background, source -> generator.chat());
            WorkbenchApp.show(next, again[0]);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(again[0].conversations().shown()).extracting(Conversation::title)
                .containsExactlyInAnyOrder("first chat", "second chat");
        Conversation second = again[0].conversations().shown().stream()
                .filter(c -> c.title().equals("second chat")).findFirst().orElseThrow();
        assertThat(second.messages().get(1).current().text()).isEqualTo("Bett");
        assertThat(second.messages().get(1).current().stats().finishReason()).isEqualTo("cancelled");
        robot.interact(() -> again[0].open(second));
        await("reopened chat shown", () -> robot.lookup("#chat-title").queryAllAs(Label.class).stream()
                .anyMatch(l -> "second chat".equals(l.getText())));
    }

    @Test
    void editingAUserMessageResendsFromThere(FxRobot robot) throws Exception {
        loadModel(robot);
        ask(robot, "first question");
        awaitReply(robot, "first reply", "Done.");
        robot.clickOn(".message-edit");
        await("editing", () -> robot.lookup("#edit-banner").query().isVisible());
        assertThat(robot.lookup("#prompt").queryAs(TextArea.class).getText()).isEqualTo("first question");
        robot.interact(() -> robot.lookup("#prompt").queryAs(TextArea.class).selectAll());
        robot.write("edited question").type(KeyCode.ENTER);
        awaitReply(robot, "new reply", "Better:");
        List<MessageView> views = messages(robot);
        assertThat(views).hasSize(2);
        assertThat(text(views.get(0))).contains("edited question").doesNotContain("first question");
        assertThat(text(views.get(1))).doesNotContain("Done.");
        assertThat(robot.lookup("#edit-banner").query().isVisible()).isFalse();
        Conversation saved = vm.conversations().shown().get(0);
        assertThat(saved.messages()).extracting(m -> m.current().text())
                .containsExactly("edited question", REPLY_2);
    }

    @Test
    void messagesCanBeCopiedAndDeleted(FxRobot robot) throws Exception {
        loadModel(robot);
        ask(robot, "copy me");
        awaitReply(robot, "first reply", "Done.");
        robot.clickOn(robot.lookup(".message-user .message-copy").queryButton());
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo("copy me");
        robot.clickOn(robot.lookup(".message-assistant .message-copy").queryButton());
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo(REPLY_1);

        robot.clickOn(robot.lookup(".message-assistant .message-delete").queryButton());
        await("reply deleted", () -> messages(robot).size() == 1);
        assertThat(text(messages(robot).get(0))).contains("copy me");
        assertThat(vm.conversations().shown().get(0).messages()).hasSize(1);
        ask(robot, "second");
        await("second reply", () -> !vm.chat().generatingProperty().get() && messages(robot).size() == 3);
        robot.clickOn(robot.lookup(".message-user .message-delete").queryButton()); // the first user message
        await("user message deleted", () -> messages(robot).size() == 2);
        assertThat(text(messages(robot).get(0))).contains("second").doesNotContain("copy me");
        assertThat(vm.conversations().shown().get(0).messages()).extracting(m -> m.current().text())
                .containsExactly("second", REPLY_2);
    }

    @Test
    void askAboutAnArtifactFillsThePromptReadyToSend(FxRobot robot) throws Exception {
        loadModel(robot);
        ask(robot, "Write add");
        awaitReply(robot, "reply streamed", "Done.");
        CodeArea code = robot.lookup("#artifact-code").queryAs(CodeArea.class);
        await("artifact shown", () -> code.getText().equals(CODE));
        robot.clickOn("#artifact-ask");
        TextArea prompt = robot.lookup("#prompt").queryAs(TextArea.class);
        assertThat(prompt.getText()).contains("python").contains("```python\n" + CODE + "\n```");
        robot.clickOn("#send");
        await("asked", () -> !vm.chat().generatingProperty().get() && messages(robot).size() == 4);
        assertThat(vm.chat().messages().get(2).textProperty().get()).contains(CODE);
        assertThat(generator.prompts().get(1).get(2).content()).contains("```python\n" + CODE + "\n```");
    }

    @Test
    void aReplyCutOffByACrashIsKeptAndShownAsInterrupted(FxRobot robot) throws Exception {
        loadModel(robot);
        ask(robot, "first chat");
        awaitReply(robot, "first reply", "Done.");
        robot.clickOn("#new-conversation");
        generator.holdAfter(3);
        ask(robot, "cut off");
        DataFolder folder = vm.data();
        await("partial reply on disk", () -> new ConversationStore(folder.conversations()).loadAll().stream()
                .anyMatch(c -> c.title().equals("cut off") && c.messages().size() == 2
                        && c.messages().get(1).current().text().equals("Better")));
        assertThat(vm.chat().generatingProperty().get()).isTrue();
        assertThat(vm.chat().titleProperty().get()).isEqualTo("cut off"); // saving did not switch conversations

        // "crash": a new window over the same data folder while the old reply is still held mid-stream
        WorkbenchViewModel[] again = new WorkbenchViewModel[1];
        robot.interact(() -> {
            stage.close();
            Stage next = new Stage();
            again[0] = new WorkbenchViewModel(folder, Platform::runLater, background, source -> generator.chat());
            WorkbenchApp.show(next, again[0]);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(again[0].chat().titleProperty().get()).isEqualTo("cut off");
        await("interrupted reply shown", () -> text(robot.lookup(".message-assistant").query())
                .contains("Better") && text(robot.lookup(".message-assistant").query()).contains("interrupted"));
        assertThat(again[0].chat().generatingProperty().get()).isFalse();
        assertThat(again[0].chat().messages().get(1).streamingProperty().get()).isFalse();
        generator.release();
    }
}
