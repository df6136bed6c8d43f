package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.server.OpenAiServer;
import dev.qwenwb.app.server.ServerOptions;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window both ways over real HTTP: Model → "Serve on …" puts the loaded model behind the OpenAI-compatible server
 * (the status bar shows the address, a real request gets the model's reply); Model → "Add endpoint…" connects the
 * chat to another server's model, whose reply then streams into the chat.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchServeTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ScriptedGenerator local = new ScriptedGenerator(2, ScriptedGenerator.tokens("served by the window", 4));
    private final ScriptedGenerator remote = new ScriptedGenerator(2, ScriptedGenerator.tokens("hello from afar", 3));
    private WorkbenchViewModel vm;
    private Path folder;

    @Start
    void start(Stage stage) {
        System.setProperty("workbench.serve.port", "0"); // a free port: tests never take 8080
        folder = data.resolve("w" + System.nanoTime());
        vm = new WorkbenchViewModel(new DataFolder(folder), Platform::runLater, background, source -> local.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        vm.server().close();
        background.shutdownNow();
        System.clearProperty("workbench.serve.port");
    }

    private void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what + " (state " + vm.models().stateProperty().get()
                    + ", error " + vm.models().errorProperty().get() + ", model " + vm.models().descriptionProperty()
                    .get() + ", endpoints " + vm.settingsProperty().get().endpoints() + ")", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void clickMenu(FxRobot robot, String startsWith) {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith(startsWith));
    }

    @Test
    void serveTheLoadedModelThenChatWithAnotherServersModel(FxRobot robot) throws Exception {
        clickMenu(robot, "Demo model");
        await("model ready", () -> vm.models().stateProperty().get() == LoadState.READY);

        clickMenu(robot, "Serve on http://127.0.0.1:");
        await("serving", () -> vm.server().addressProperty().get() != null);
        String address = vm.server().addressProperty().get();
        assertThat(address).matches("http://127\\.0\\.0\\.1:[0-9]+/v1");
        assertThat(robot.lookup("#status-server").queryAs(Label.class).getText()).isEqualTo("serving on " + address);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(address + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"scripted-model\", \"messages\": "
                        + "[{\"role\": \"user\", \"content\": \"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"content\":\"served by the window\"").contains("\"usage\"");

        try (OpenAiServer other = OpenAiServer.start(remote, ServerOptions.loopback(0).withApiKey("k-secret"))) {
            clickMenu(robot, "Add endpoint");
            TextField url = robot.lookup("#endpoint-url").queryAs(TextField.class);
            robot.clickOn(url);
            robot.interact(url::selectAll);
            robot.write(other.baseUrl().toString());
            robot.clickOn("#endpoint-model").write("scripted-model");
            robot.clickOn("#endpoint-key").write("k-secret");
            DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            assertThat(robot.lookup("#endpoint-error").queryAs(Label.class).getText()).isNullOrEmpty();
            robot.clickOn(pane.lookupButton(pane.getButtonTypes().stream() // our own translated OK, not JavaFX's
                    .filter(dev.qwenwb.app.ui.common.DialogButtons::isOk).findFirst().orElseThrow()));
            await("connected", () -> vm.models().stateProperty().get() == LoadState.READY
                    && vm.models().descriptionProperty().get() != null
                    && vm.models().descriptionProperty().get().device().equals(other.baseUrl().toString()));
            assertThat(vm.server().servingProperty().get()).as("a new model stops serving the old one").isFalse();
            await("old server closed", () -> refused(http, address));

            robot.clickOn("#prompt").write("ping").type(KeyCode.ENTER);
            await("remote reply", () -> !vm.chat().generatingProperty().get() && vm.chat().replyTexts()
                    .contains("hello from afar"));
            assertThat(remote.prompts()).hasSize(1);
            assertThat(remote.prompts().get(0).get(remote.prompts().get(0).size() - 1).content()).isEqualTo("ping");
        }
        String settings = Files.readString(vm.data().settingsFile());
        assertThat(settings).contains("scripted-model").contains("k-secret");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.equals(vm.data().settingsFile()) && f.toString().endsWith(".json")) {
                    Assertions.assertThat(Files.readString(f)).as(f.toString()).doesNotContain("k-secret");
                }
            }
        }
        robot.clickOn("#model-picker");
        assertThat(robot.lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("scripted-model @ ")).tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
    }

    private static boolean refused(HttpClient http, String address) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(address + "/models")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (Exception e) {
            return true; // reset or closed: nobody serves there any more
        }
    }
}
