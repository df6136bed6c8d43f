package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.Dividers;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.suite.EvalCase;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The evaluation view: suite and run controls on top; the suite's cases and the run history on the left;
 * configurations, results (progress, grid and charts), summary with claims, and comparison on the right.
 */
public final class EvaluationView extends BorderPane {

    private final EvaluationViewModel vm;
    private final TabPane tabs = new TabPane();
    private final Tab results = new Tab(I18n.t("eval.tab.results"));
    private final Tab compare = new Tab(I18n.t("eval.tab.compare"));
    private final Dividers dividers;

    /** A view of {@code vm}. */
    public EvaluationView(EvaluationViewModel vm) {
        this(vm, Dividers.none());
    }

    /** A view of {@code vm} whose split panes keep their divider positions in {@code dividers}. */
    public EvaluationView(EvaluationViewModel vm, Dividers dividers) {
        this(vm, dividers, new dev.qwenwb.app.ui.common.Exports(new javafx.beans.property.SimpleObjectProperty<>(),
                dev.qwenwb.app.ui.common.SaveDialog.system(), java.nio.file.Path.of(System.getProperty("user.home"))));
    }

    /** As {@link #EvaluationView(EvaluationViewModel, Dividers)}, exporting reports through {@code exports}. */
    public EvaluationView(EvaluationViewModel vm, Dividers dividers, dev.qwenwb.app.ui.common.Exports exports) {
        this.vm = vm;
        this.dividers = dividers;
        setId("evaluation-view");
        getStyleClass().add("evaluation");
        setTop(new RunBar(vm, exports));
        TabPane left = new TabPane(tab(I18n.t("eval.tab.cases"), cases()),
                tab(I18n.t("eval.tab.history"), new HistoryView(vm.history(), e -> {
                    vm.openRun(e.dir());
                    tabs.getSelectionModel().select(results);
                }, () -> tabs.getSelectionModel().select(compare))));
        left.setId("eval-left");
        results.setContent(results());
        results.setClosable(false);
        compare.setContent(new ComparisonView(vm.history()));
        compare.setClosable(false);
        tabs.setId("eval-tabs");
        tabs.getTabs().addAll(tab(I18n.t("eval.tab.configurations"), new ConfigurationsPane(vm.configurations())),
                results, tab(I18n.t("eval.tab.summary"), new SummaryView(vm)), compare);
        SplitPane split = new SplitPane(left, tabs);
        SplitPane.setResizableWithParent(left, false);
        dividers.remember("evaluation", split, 0.22);
        setCenter(split);
        Label notice = new Label();
        notice.setId("eval-notice");
        notice.getStyleClass().add("eval-notice");
        notice.textProperty().bind(vm.noticeProperty());
        Label status = new Label();
        status.setId("eval-status");
        status.getStyleClass().add("eval-status");
        status.textProperty().bind(Bindings.createStringBinding(() -> vm.noticeProperty().get() != null ? ""
                : vm.statusProperty().get() == null ? "" : vm.statusProperty().get(), vm.noticeProperty(),
                vm.statusProperty()));
        HBox bottom = new HBox(10, notice, status);
        bottom.getStyleClass().add("eval-bottom");
        setBottom(bottom);
        vm.stateProperty().addListener((o, a, b) -> {
            if (b == RunState.RUNNING) {
                tabs.getSelectionModel().select(results);
            }
        });
        vm.runDirProperty().addListener((o, a, b) -> tabs.getSelectionModel().select(results));
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                clock.stop();
            } else {
                clock.play();
            }
        });
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private VBox cases() {
        Label error = new Label();
        error.setId("eval-suite-error");
        error.getStyleClass().add("eval-notice");
        error.setWrapText(true);
        error.textProperty().bind(vm.suite().errorProperty());
        error.visibleProperty().bind(vm.suite().errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label description = new Label();
        description.getStyleClass().add("section-note");
        description.setWrapText(true);
        java.util.function.Consumer<dev.qwenwb.evaluation.suite.Suite> describe = b -> description.setText(b == null
                ? "" : b.name() + " · " + I18n.t("eval.suite.cases", b.cases().size()) + " · " + suiteText(b));
        vm.suite().suiteProperty().addListener((o, a, b) -> describe.accept(b));
        describe.accept(vm.suite().suiteProperty().get()); // a view built again (another language) shows it too
        ListView<EvalCase> list = new ListView<>(vm.suite().cases());
        list.setId("eval-cases");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EvalCase c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.title());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(6, error, description, list);
        box.getStyleClass().add("eval-cases");
        return box;
    }

    /** A suite's description in the window's language: the bundle's for a built-in suite, else its own. */
    private static String suiteText(dev.qwenwb.evaluation.suite.Suite s) {
        String key = "suite." + s.name() + ".description";
        String t = I18n.t(key);
        return t.equals(key) ? s.description() : t;
    }

    /** Progress, filters and the grid, with the charts below it so both fill in together. */
    private SplitPane results() {
        CheckBox failures = new CheckBox(I18n.t("eval.filter.failures"));
        failures.setId("eval-filter-failures");
        failures.selectedProperty().bindBidirectional(vm.grid().failuresOnlyProperty());
        CheckBox disagree = new CheckBox(I18n.t("eval.filter.disagree"));
        disagree.setId("eval-filter-disagree");
        disagree.selectedProperty().bindBidirectional(vm.grid().disagreeOnlyProperty());
        Label dir = new Label();
        dir.setId("eval-run-dir");
        dir.getStyleClass().add("section-note");
        dir.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // the run's own name stays
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(dir.textProperty());
        dir.setTooltip(whole);
        failures.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        disagree.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        dir.textProperty().bind(Bindings.createStringBinding(() -> vm.runDirProperty().get() == null ? ""
                : I18n.t("eval.runDir", vm.runDirProperty().get()), vm.runDirProperty()));
        ResultGrid grid = new ResultGrid(vm, cell -> {
            CellDetailViewModel detail = vm.open(cell);
            if (detail != null) {
                new CellDetailDialog(detail).show(getScene().getWindow());
            }
        });
        VBox.setVgrow(grid, Priority.ALWAYS);
        VBox box = new VBox(8, new ProgressStrip(vm), new HBox(12, failures, disagree, dir), grid);
        box.getStyleClass().add("eval-results");
        box.setMinHeight(160);
        SplitPane split = new SplitPane(box, new ChartsView(vm.charts()));
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        dividers.remember("evaluation.results", split, 0.5);
        return split;
    }
}
