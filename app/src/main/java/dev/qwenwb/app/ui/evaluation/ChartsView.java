package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * The charts under the grid, redrawn as results arrive: TTFT per case and decode tokens/s per case (horizontal
 * bars, a case per row with its id written beside it, a bar per configuration named in the legend; the exact value
 * in each bar's tooltip), per-token latency over the answer (a line per configuration for the chosen case, dashed
 * for the median over cases; each point's exact value in its tooltip). They sit side by side where there is room and wrap below each other where there is
 * not, never lower than {@link #MIN_HEIGHT}. Each can be copied to the clipboard as an image.
 *
 * <p>Bars used to stand upright over case labels turned by 35° on an axis as tall as the chart let it be (35 px at
 * 1366×768): JavaFX's axis hides labels that overlap, so a group of bars sat under a neighbour's label or under none.
 * Rows of horizontal bars keep every label upright and readable.
 */
final class ChartsView extends ScrollPane {

    /** The least height of a chart: its axes, legend and a few rows of bars. */
    static final double MIN_HEIGHT = 260;
    private static final double MIN_WIDTH = 380;
    private static final double ROW = 9; // px per bar

    private final ChartsViewModel vm;
    private final CategoryAxis ttftCases = new CategoryAxis();
    private final CategoryAxis decodeCases = new CategoryAxis();
    private final BarChart<Number, String> ttft = new BarChart<>(new NumberAxis(), ttftCases);
    private final BarChart<Number, String> decode = new BarChart<>(new NumberAxis(), decodeCases);
    private final LineChart<Number, Number> latency = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final ComboBox<String> latencyCase = new ComboBox<>();
    private static final double GAP = 12;
    private final GridPane grid = new GridPane();
    private final List<Node> sections = new ArrayList<>();

    ChartsView(ChartsViewModel vm) {
        this.vm = vm;
        setId("eval-charts");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setup(ttft, "eval-chart-ttft", "eval.chart.ttft", "eval.chart.ms", "eval.chart.case");
        setup(decode, "eval-chart-decode", "eval.chart.decode", "eval.chart.tps", "eval.chart.case");
        setup(latency, "eval-chart-latency", "eval.chart.latency", "eval.chart.token", "eval.chart.ms");
        ttft.setLegendSide(javafx.geometry.Side.TOP); // under the title: the colours' names are never scrolled away
        decode.setLegendSide(javafx.geometry.Side.TOP);
        latency.setLegendSide(javafx.geometry.Side.TOP);
        ttft.setCategoryGap(6);
        decode.setCategoryGap(6);
        ttft.setBarGap(1);
        decode.setBarGap(1);
        latency.setCreateSymbols(true); // each point's exact value in its tooltip; drawn only under the pointer (CSS)
        latencyCase.setId("eval-latency-case");
        latencyCase.setItems(vm.cases());
        latencyCase.setPromptText(I18n.t("eval.chart.firstCase"));
        latencyCase.valueProperty().bindBidirectional(vm.selectedCaseProperty());
        latencyCase.setMinWidth(120);
        sections.addAll(List.of(section(ttft, "eval-copy-ttft"), section(decode, "eval-copy-decode"),
                section(latency, "eval-copy-latency", new Label(I18n.t("eval.chart.caseLabel")), latencyCase)));
        grid.setHgap(GAP);
        grid.setVgap(GAP);
        grid.getChildren().addAll(sections);
        grid.getStyleClass().add("eval-charts");
        setContent(grid);
        setMinHeight(MIN_HEIGHT * 0.75); // the split beside the grid stops here; the charts scroll inside
        viewportBoundsProperty().addListener((o, a, b) -> fit());
        vm.ttft().addListener((ListChangeListener<BarSeries>) c -> bars(ttft, ttftCases, vm.ttft(), "eval.chart.ms"));
        vm.decode().addListener((ListChangeListener<BarSeries>) c -> bars(decode, decodeCases, vm.decode(),
                "eval.chart.tps"));
        vm.latency().addListener((ListChangeListener<LineSeries>) c -> lines());
        bars(ttft, ttftCases, vm.ttft(), "eval.chart.ms");
        bars(decode, decodeCases, vm.decode(), "eval.chart.tps");
        lines();
    }

    private static void setup(XYChart<?, ?> chart, String id, String title, String x, String y) {
        chart.setId(id);
        chart.setTitle(I18n.t(title));
        chart.setAnimated(false);
        chart.getXAxis().setLabel(I18n.t(x));
        chart.getYAxis().setLabel(I18n.t(y));
        chart.setMinHeight(MIN_HEIGHT);
        chart.setMinWidth(MIN_WIDTH);
        chart.getStyleClass().add("eval-chart");
    }

    /** As many charts side by side as fit at {@link #MIN_WIDTH}, each as tall as the view (at least MIN_HEIGHT). */
    private void fit() {
        double w = getViewportBounds().getWidth();
        double h = getViewportBounds().getHeight();
        if (w <= 0) {
            return;
        }
        int columns = (int) Math.max(1, Math.min(3, Math.floor((w + GAP) / (MIN_WIDTH + GAP))));
        int rows = (int) Math.ceil(3.0 / columns);
        double tileHeight = Math.max(MIN_HEIGHT + 40, Math.max(needed(), (h - GAP * (rows - 1)) / rows - 1));
        if (columns != grid.getColumnConstraints().size()) {
            grid.getColumnConstraints().clear();
            for (int i = 0; i < columns; i++) {
                ColumnConstraints c = new ColumnConstraints();
                c.setPercentWidth(100.0 / columns);
                grid.getColumnConstraints().add(c);
            }
            for (int i = 0; i < sections.size(); i++) {
                GridPane.setConstraints(sections.get(i), i % columns, i / columns);
            }
        }
        sections.forEach(n -> ((Region) n).setPrefHeight(tileHeight));
    }

    /** The height the bar charts need for a row per case and a bar per configuration. */
    private double needed() {
        int configs = Math.max(1, Math.max(vm.ttft().size(), vm.decode().size()));
        return vm.cases().size() * (configs * ROW + 10) + 130;
    }

    private static Node section(XYChart<?, ?> chart, String copyId, Node... extra) {
        Button copy = Icons.on(new Button(I18n.t("eval.chart.copy")), Feather.IMAGE);
        copy.setId(copyId);
        copy.getStyleClass().addAll("small", "chart-copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> ChartImages.copy(chart));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getChildren().addAll(extra);
        bar.getChildren().addAll(gap, copy);
        for (Node n : extra) {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(4, bar, chart);
        box.getStyleClass().add("eval-chart-section");
        return box;
    }

    private void bars(BarChart<Number, String> chart, CategoryAxis axis, List<BarSeries> series, String unit) {
        chart.getData().clear();
        List<String> rows = new ArrayList<>(vm.cases());
        Collections.reverse(rows); // the category axis runs bottom-up: the suite's first case on top
        if (!axis.getCategories().equals(rows)) {
            axis.setCategories(FXCollections.observableArrayList(rows));
        }
        for (BarSeries s : series) {
            XYChart.Series<Number, String> xy = new XYChart.Series<>();
            xy.setName(s.name());
            for (BarSeries.Bar b : s.bars()) {
                xy.getData().add(new XYChart.Data<>(b.value(), b.caseId()));
            }
            chart.getData().add(xy);
            for (XYChart.Data<Number, String> d : xy.getData()) {
                tip(d, vm.caseTitle(d.getYValue()), s.name(), d.getXValue().doubleValue(), unit);
            }
        }
        fit();
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
            for (XYChart.Data<Number, Number> d : xy.getData()) {
                if (d.getNode() != null) {
                    d.getNode().getStyleClass().add("latency-point"); // not the legend's colour keys
                }
                tip(d, I18n.t("eval.chart.token") + " " + d.getXValue().intValue(), s.name(),
                        d.getYValue().doubleValue(), "eval.chart.ms");
            }
        }
    }

    /**
     * The one tooltip of a chart's point (a bar, or a point of a latency line): where it is, whose it is and its
     * exact value, e.g. {@code Quicksort / demo: 361.7 ms}.
     *
     * @param where the case (a bar) or the token (a line's point)
     * @param who   the series: the configuration, or configuration · case
     */
    private static void tip(XYChart.Data<?, ?> d, String where, String who, double value, String unit) {
        if (d.getNode() == null) {
            return;
        }
        Tooltip t = new Tooltip(where + "\n" + who + ": " + Formats.num(value, 1) + " " + I18n.t(unit));
        t.setShowDelay(Duration.millis(200));
        Tooltip.install(d.getNode(), t);
    }
}
