package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.chat.MarkdownBlocks;
import dev.qwenwb.app.ui.chat.MarkdownView;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.ResultRecord;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * A cell opened in its own window: the full answer (Markdown, highlighted code), the exact prompt sent, each
 * check's output, a per-token latency plot; "Open in chat" and "Open as artifact".
 */
final class CellDetailDialog {

    private final CellDetailViewModel vm;
    private final Stage stage = new Stage();
    private final VBox answer = new VBox(4);
    private final TextArea prompt = new TextArea();
    private final Label promptNote = new Label();
    private final VBox checks = new VBox(8);
    private final LineChart<Number, Number> latency = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final Label verdict = new Label();
    private final Label metrics = new Label();
    private final Button artifact = Icons.on(new Button(I18n.t("eval.detail.openArtifact")), Feather.CODE);
    /** Holds the artifact button: a disabled button shows no tooltip, its holder does (why it is disabled). */
    private final javafx.scene.layout.StackPane artifactHolder = new javafx.scene.layout.StackPane(artifact);
    private final javafx.scene.control.Tooltip noCode = new javafx.scene.control.Tooltip(I18n.t("eval.detail.noCode"));

    CellDetailDialog(CellDetailViewModel vm) {
        this.vm = vm;
    }

    /** Shows the window over {@code owner}. */
    Stage show(Window owner) {
        stage.initOwner(owner);
        stage.setTitle(vm.title());
        answer.setId("detail-answer");
        answer.getStyleClass().add("detail-answer");
        prompt.setId("detail-prompt");
        prompt.setEditable(false);
        prompt.setWrapText(true);
        prompt.getStyleClass().add("detail-prompt");
        checks.setId("detail-checks");
        latency.setId("detail-latency");
        latency.setAnimated(false);
        latency.setCreateSymbols(false);
        latency.setLegendVisible(false);
        latency.getXAxis().setLabel(I18n.t("eval.chart.token"));
        latency.getYAxis().setLabel(I18n.t("eval.detail.latencyAxis"));
        verdict.setId("detail-verdict");
        TabPane tabs = new TabPane(
                tab(I18n.t("eval.detail.answer"), new ScrollPane(answer)),
                tab(I18n.t("eval.detail.prompt"), new VBox(4, promptNote, prompt)),
                tab(I18n.t("eval.detail.checks"), new ScrollPane(checks)),
                tab(I18n.t("eval.detail.latency"), latency));
        ((ScrollPane) tabs.getTabs().get(0).getContent()).setFitToWidth(true);
        ((ScrollPane) tabs.getTabs().get(2).getContent()).setFitToWidth(true);
        VBox.setVgrow(prompt, Priority.ALWAYS);
        Button chat = Icons.on(new Button(I18n.t("eval.detail.openChat")), Feather.MESSAGE_SQUARE);
        chat.setId("detail-open-chat");
        chat.setOnAction(e -> {
            vm.openInChat();
            stage.close();
        });
        artifact.setId("detail-open-artifact");
        artifactHolder.setId("detail-open-artifact-holder");
        artifact.setTooltip(new javafx.scene.control.Tooltip(I18n.t("eval.detail.openArtifactTip")));
        artifact.setOnAction(e -> {
            vm.openAsArtifact();
            stage.close();
        });
        Button close = Icons.on(new Button(I18n.t("eval.detail.close")), Feather.X);
        close.setId("detail-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, verdict, metrics);
        if (vm.repeats() > 1) {
            Spinner<Integer> repeat = new Spinner<>(1, vm.repeats(), 1);
            repeat.setId("detail-repeat");
            repeat.valueProperty().addListener((o, a, b) -> vm.repeatProperty().set(b - 1));
            top.getChildren().addAll(new Label(I18n.t("eval.detail.repeat")), repeat);
        }
        BorderPane root = new BorderPane(tabs);
        root.getStyleClass().add("cell-detail");
        root.setTop(top);
        root.setBottom(new HBox(8, chat, artifactHolder, gap, close));
        vm.resultProperty().addListener((o, a, b) -> sync());
        sync();
        Scene scene = new Scene(root, 900, 680);
        scene.getStylesheets().add(Objects.requireNonNull(
                CellDetailDialog.class.getResource("/dev/qwenwb/app/ui/workbench.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private void sync() {
        ResultRecord r = vm.resultProperty().get();
        Cell one = new Cell(vm.config(), r.caseId(), java.util.List.of(r), false);
        verdict.setText(ResultCellView.verdictText(one));
        boolean code = vm.hasCode();
        artifact.setDisable(!code);
        artifact.setAccessibleHelp(code ? null : noCode.getText());
        if (code) {
            javafx.scene.control.Tooltip.uninstall(artifactHolder, noCode);
        } else {
            javafx.scene.control.Tooltip.install(artifactHolder, noCode);
        }
        verdict.getStyleClass().setAll("label", "verdict",
                "verdict-" + one.shade().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        metrics.setText(Formats.metrics(r.metrics()) + (r.metrics().finishReason().isEmpty() ? ""
                : " · " + dev.qwenwb.app.ui.chat.MessageView.finish(r.metrics().finishReason())));
        answer.getChildren().setAll(MarkdownView.nodes(MarkdownBlocks.parse(vm.answer())));
        promptNote.setText(I18n.t(vm.exactPrompt() ? "eval.detail.exactPrompt" : "eval.detail.notExact"));
        prompt.setText(vm.prompt());
        checks.getChildren().clear();
        for (CheckResult c : vm.checks()) {
            Label head = new Label(c.type() + " — " + I18n.t("verdict." + c.verdict().name().toLowerCase(Locale.ROOT)));
            head.getStyleClass().addAll("verdict", "verdict-" + c.verdict().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'));
            TextArea out = new TextArea(c.reason());
            out.setEditable(false);
            out.setWrapText(true);
            out.setPrefRowCount(Math.min(12, Math.max(2, c.reason().split("\n").length)));
            out.getStyleClass().add("check-output");
            checks.getChildren().add(new VBox(2, head, out));
        }
        latency.getData().clear();
        double[] ms = vm.tokenLatenciesMs();
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (int i = 0; i < ms.length; i++) {
            s.getData().add(new XYChart.Data<>(i + 1, ms[i]));
        }
        latency.getData().add(s);
        latency.setTitle(ms.length == 0 ? I18n.t("eval.notTimed") : I18n.t("eval.detail.latencyTitle", ms.length));
    }
}
