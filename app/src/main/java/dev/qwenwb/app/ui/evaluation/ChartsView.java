package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The charts side by side under the grid, redrawn as results arrive: TTFT per case and decode tokens/s per case (bars grouped by
 * configuration), per-token latency over the answer (a line per configuration for the chosen case, dashed for the
 * median over cases). Each can be copied to the clipboard as an image.
 */
final class ChartsView extends ScrollPane {

    private final ChartsViewModel vm;
    private final CategoryAxis ttftCases = new CategoryAxis();
    private final CategoryAxis decodeCases = new CategoryAxis();
    private final BarChart<String, Number> ttft = new BarChart<>(ttftCases, new NumberAxis());
    private final BarChart<String, Number> decode = new BarChart<>(decodeCases, new NumberAxis());
    private final LineChart<Number, Number> latency = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final ComboBox<String> latencyCase = new ComboBox<>();

    ChartsView(ChartsViewModel vm) {
        this.vm = vm;
        setId("eval-charts");
        setFitToWidth(true);
        setFitToHeight(true);
        setup(ttft, "eval-chart-ttft", "eval.chart.ttft", "eval.chart.case", "eval.chart.ms");
        setup(decode, "eval-chart-decode", "eval.chart.decode", "eval.chart.case", "eval.chart.tps");
        setup(latency, "eval-chart-latency", "eval.chart.latency", "eval.chart.token", "eval.chart.itl");
        latency.setCreateSymbols(false);
        ttftCases.setTickLabelRotation(-35);
        decodeCases.setTickLabelRotation(-35);
        latencyCase.setId("eval-latency-case");
        latencyCase.setItems(vm.cases());
        latencyCase.setPromptText(I18n.t("eval.chart.firstCase"));
        latencyCase.valueProperty().bindBidirectional(vm.selectedCaseProperty());
        HBox box = new HBox(12, section(ttft, "eval-copy-ttft"), section(decode, "eval-copy-decode"),
                section(latency, "eval-copy-latency", new Label(I18n.t("eval.chart.caseLabel")), latencyCase));
        box.getStyleClass().add("eval-charts");
        setContent(box);
        vm.ttft().addListener((ListChangeListener<BarSeries>) c -> bars(ttft, ttftCases, vm.ttft()));
        vm.decode().addListener((ListChangeListener<BarSeries>) c -> bars(decode, decodeCases, vm.decode()));
        vm.latency().addListener((ListChangeListener<LineSeries>) c -> lines());
        bars(ttft, ttftCases, vm.ttft());
        bars(decode, decodeCases, vm.decode());
        lines();
    }

    private static void setup(XYChart<?, ?> chart, String id, String title, String x, String y) {
        chart.setId(id);
        chart.setTitle(I18n.t(title));
        chart.setAnimated(false);
        chart.getXAxis().setLabel(I18n.t(x));
        chart.getYAxis().setLabel(I18n.t(y));
        chart.setMinHeight(220);
        chart.setMinWidth(360);
        chart.setPrefHeight(280);
        chart.getStyleClass().add("eval-chart");
    }

    private static Node section(XYChart<?, ?> chart, String copyId, Node... extra) {
        Button copy = Icons.on(new Button(I18n.t("eval.chart.copy")), Feather.IMAGE);
        copy.setId(copyId);
        copy.getStyleClass().addAll("small", "chart-copy");
        copy.setOnAction(e -> ChartImages.copy(chart));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8);
        bar.getChildren().addAll(extra);
        bar.getChildren().addAll(gap, copy);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(4, bar, chart);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private void bars(BarChart<String, Number> chart, CategoryAxis axis, java.util.List<BarSeries> series) {
        chart.getData().clear();
        if (!axis.getCategories().equals(vm.cases())) {
            axis.setCategories(FXCollections.observableArrayList(vm.cases()));
        }
        chart.setMinWidth(Math.max(360, vm.cases().size() * Math.max(1, series.size()) * 10.0 + 120));
        for (BarSeries s : series) {
            XYChart.Series<String, Number> xy = new XYChart.Series<>();
            xy.setName(s.name());
            for (BarSeries.Bar b : s.bars()) {
                xy.getData().add(new XYChart.Data<>(b.caseId(), b.value()));
            }
            chart.getData().add(xy);
        }
    }

    private void lines() {
        latency.getData().clear();
        for (LineSeries s : vm.latency()) {
            XYChart.Series<Number, Number> xy = new XYChart.Series<>();
            xy.setName(s.name());
            double[] ys = s.tokenMs();
            for (int i = 0; i < ys.length; i++) {
                xy.getData().add(new XYChart.Data<>(i + 2, ys[i]));
            }
            latency.getData().add(xy);
            if (s.median() && xy.getNode() != null) { // the line is made when the series is added
                xy.getNode().getStyleClass().add("median-line");
                xy.getNode().setStyle("-fx-stroke-dash-array: 6 4;");
            }
        }
    }
}
