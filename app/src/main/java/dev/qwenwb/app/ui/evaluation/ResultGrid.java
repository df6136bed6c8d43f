package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The grid: a row per case, a column per configuration; a click on a cell opens it. */
final class ResultGrid extends TableView<CaseRow> {

    private static final double CASE_WIDTH = 190;

    private final EvaluationViewModel vm;
    private final java.util.function.Consumer<Cell> open;

    ResultGrid(EvaluationViewModel vm, java.util.function.Consumer<Cell> open) {
        this.vm = vm;
        this.open = open;
        setId("eval-grid");
        getStyleClass().add("eval-grid");
        setItems(vm.grid().rows());
        setPlaceholder(new Label(I18n.t("eval.grid.empty")));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        vm.grid().configs().addListener((ListChangeListener<String>) c -> columns());
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectCase(b.caseId());
            }
        });
        columns();
    }

    private void columns() {
        TableColumn<CaseRow, CaseRow> caseColumn = new TableColumn<>(I18n.t("eval.grid.case"));
        caseColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        caseColumn.setCellFactory(c -> new CaseCell());
        caseColumn.setPrefWidth(CASE_WIDTH);
        caseColumn.setSortable(false);
        getColumns().setAll(java.util.List.of(caseColumn));
        for (String config : vm.grid().configs()) {
            TableColumn<CaseRow, Cell> col = new TableColumn<>(config);
            col.setId("eval-column-" + config);
            col.setCellValueFactory(f -> f.getValue().cell(config));
            col.setCellFactory(c -> new ResultTableCell());
            // configurations share the width equally (at least 300 px each, then the grid scrolls)
            col.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(300, widthProperty()
                    .subtract(CASE_WIDTH + 24).divide(Math.max(1, vm.grid().configs().size()))));
            col.setSortable(false);
            getColumns().add(col);
        }
    }

    private static final class CaseCell extends TableCell<CaseRow, CaseRow> {
        @Override
        protected void updateItem(CaseRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(row.title());
            title.setWrapText(true);
            title.getStyleClass().add("case-title");
            Label id = new Label(row.caseId());
            id.getStyleClass().add("case-id");
            setGraphic(new VBox(2, title, id));
        }
    }

    private final class ResultTableCell extends TableCell<CaseRow, Cell> {
        ResultTableCell() {
            getStyleClass().add("result-table-cell");
            setOnMouseClicked(e -> {
                Cell c = getItem();
                if (c != null && !c.results().isEmpty()) {
                    open.accept(c);
                }
            });
        }

        @Override
        protected void updateItem(Cell cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().remove("in-flight-cell");
            if (empty || cell == null) {
                setGraphic(null);
                return;
            }
            if (cell.inFlight()) {
                getStyleClass().add("in-flight-cell");
            }
            ResultCellView view = new ResultCellView(cell);
            view.setMaxWidth(Double.MAX_VALUE);
            view.prefWidthProperty().bind(widthProperty().subtract(12));
            setGraphic(view);
        }
    }
}
