package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.Folding;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Earlier runs, newest first: date, suite, configurations with pass rates; open one, compare two. */
final class HistoryView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    HistoryView(HistoryViewModel vm, Consumer<RunEntry> open, Runnable compared) {
        getStyleClass().add("eval-history");
        ListView<RunEntry> list = new ListView<>(vm.runs());
        list.setId("eval-history");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label(I18n.t("eval.history.empty")));
        list.setCellFactory(v -> new EntryCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        Button openButton = Icons.on(new Button(I18n.t("eval.history.open")), Feather.FOLDER);
        openButton.setId("eval-history-open");
        openButton.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(list.getSelectionModel().getSelectedItem()));
        Button compare = Icons.on(new Button(I18n.t("eval.history.compare")), Feather.GIT_PULL_REQUEST);
        compare.setId("eval-history-compare");
        compare.setOnAction(e -> {
            List<RunEntry> two = List.copyOf(list.getSelectionModel().getSelectedItems());
            vm.compare(two.size() > 0 ? two.get(0) : null, two.size() > 1 ? two.get(1) : null);
            compared.run();
        });
        Button refresh = Icons.on(new Button(I18n.t("eval.history.refresh")), Feather.REFRESH_CW);
        refresh.setOnAction(e -> vm.refresh());
        Label problem = new Label();
        problem.getStyleClass().add("eval-notice");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        setCenter(list);
        Label hint = new Label(I18n.t("eval.history.hint"));
        hint.getStyleClass().add("section-note");
        hint.setWrapText(true);
        HBox buttons = new HBox(6, openButton, compare, refresh);
        Folding.install(buttons, List.of(refresh, openButton, compare), List.of());
        setBottom(new VBox(4, buttons, hint, problem));
    }

    static String when(String iso) {
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static final class EntryCell extends ListCell<RunEntry> {
        @Override
        protected void updateItem(RunEntry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(null);
            if (e.problem() != null) {
                Label l = new Label(e.dir().getFileName() + ": " + e.problem());
                l.getStyleClass().add("eval-notice");
                l.setWrapText(true);
                setGraphic(l);
                return;
            }
            Label title = new Label(when(e.started()) + " · " + e.suite()
                    + (e.complete() ? "" : " · " + I18n.t("eval.history.incomplete", e.results(), e.expected())));
            title.getStyleClass().add("history-title");
            StringBuilder rates = new StringBuilder();
            e.passRates().forEach((c, r) -> rates.append(rates.length() == 0 ? "" : " · ").append(c).append(' ')
                    .append(Formats.percent(r)));
            Label configs = new Label(rates.toString());
            configs.getStyleClass().add("history-configs");
            Label dir = new Label(e.dir().toString());
            dir.getStyleClass().add("history-dir");
            setGraphic(new VBox(1, title, configs, dir));
        }
    }
}
