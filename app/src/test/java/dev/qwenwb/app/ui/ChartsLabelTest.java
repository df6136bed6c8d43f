package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.evaluation.LineSeries;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.TimedRun;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.suite.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.chart.Axis;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The evaluation charts at 1366×768 label every bar with its case: each case's tick label is shown, each bar sits
 * on the row of the case it measures and is named by its configuration, and its tooltip has the exact value the
 * grid has; every point of the per-token latency lines has its exact value in its tooltip too.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsLabelTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Path run;
    private Suite suite;

    @Start
    void start(Stage stage) {
        Path data = tmp.resolve("w" + System.nanoTime());
        run = data.resolve("runs").resolve("article-20261204-101500");
        suite = TimedRun.write(run);
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("ok", 1));
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(stage, vm);
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBarIsOnItsCasesRowAndNamedByItsConfiguration(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.viewProperty().set(MainView.EVALUATION);
            vm.evaluation().openRun(run);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.evaluation().results().size() == 12);
        robot.interact(() -> robot.lookup("#eval-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#eval-chart-ttft", "#eval-chart-decode")) {
            BarChart<Number, String> chart = robot.lookup(id).queryAs(BarChart.class);
            CategoryAxis cases = (CategoryAxis) chart.getYAxis();
            assertThat(chart.getHeight()).as(id + " height").isGreaterThanOrEqualTo(250);
            assertThat(cases.getCategories()).containsExactlyInAnyOrderElementsOf(
                    suite.cases().stream().map(c -> c.id()).toList());
            for (Axis.TickMark<String> t : cases.getTickMarks()) {
                assertThat(t.isTextVisible()).as(id + ": the label of " + t.getValue()).isTrue();
            }
            assertThat(chart.getData()).extracting(XYChart.Series::getName)
                    .containsExactlyElementsOf(TimedRun.CONFIGS);
            for (XYChart.Series<Number, String> s : chart.getData()) {
                assertThat(s.getData()).hasSize(suite.cases().size());
                for (XYChart.Data<Number, String> d : s.getData()) {
                    Bounds b = d.getNode().getBoundsInParent(); // in the plot's coordinates, as the axis's
                    double centre = cases.sceneToLocal(d.getNode().getParent().localToScene(0,
                            (b.getMinY() + b.getMaxY()) / 2)).getY();
                    assertThat(cases.getValueForDisplay(centre)).as(id + ": the bar of " + d.getYValue())
                            .isEqualTo(d.getYValue());
                    ResultRecord r = vm.evaluation().results().stream().filter(x -> x.config().equals(s.getName())
                            && x.caseId().equals(d.getYValue())).findFirst().orElseThrow();
                    double expected = id.contains("ttft") ? r.metrics().ttftMs() : r.metrics().decodeTokensPerS();
                    assertThat(d.getXValue().doubleValue()).isEqualTo(expected);
                    Tooltip tip = (Tooltip) d.getNode().getProperties().values().stream()
                            .filter(v -> v instanceof Tooltip).findFirst().orElse(null);
                    assertThat(tip).as("a tooltip on the bar of " + d.getYValue()).isNotNull();
                    assertThat(tip.getText()).contains(s.getName()).contains(d.getYValue());
                }
            }
        }

        // the latency chart: every point of every line has its exact value in its tooltip, as the bars do
        LineChart<Number, Number> latency = robot.lookup("#eval-chart-latency").queryAs(LineChart.class);
        List<LineSeries> lines = vm.evaluation().charts().latency();
        assertThat(latency.getData()).extracting(XYChart.Series::getName)
                .containsExactlyElementsOf(lines.stream().map(LineSeries::name).toList());
        int points = 0;
        for (int k = 0; k < lines.size(); k++) {
            XYChart.Series<Number, Number> s = latency.getData().get(k);
            double[] ms = lines.get(k).tokenMs();
            assertThat(s.getData()).hasSize(ms.length);
            for (int i = 0; i < ms.length; i++) {
                XYChart.Data<Number, Number> d = s.getData().get(i);
                assertThat(d.getNode()).as("a point for token " + d.getXValue()).isNotNull();
                Tooltip tip = (Tooltip) d.getNode().getProperties().values().stream()
                        .filter(v -> v instanceof Tooltip).findFirst().orElse(null);
                assertThat(tip).as(s.getName() + ": a tooltip on token " + d.getXValue()).isNotNull();
                assertThat(tip.getText()).isEqualTo("token " + (i + 2) + "\n" + s.getName() + ": "
                        + String.format(java.util.Locale.ROOT, "%.1f", ms[i]) + " ms");
                points++;
            }
        }
        assertThat(points).as("latency points").isPositive();
    }
}
