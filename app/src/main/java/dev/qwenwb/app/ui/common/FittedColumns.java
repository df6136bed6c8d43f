package dev.qwenwb.app.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Text columns whose width is that of their longest value, with headers that wrap onto a second line rather than
 * be cut; the table scrolls sideways where the columns together are wider than it. JavaFX sizes a column to its
 * content only on a double click of its header edge: this does it whenever the rows change.
 */
public final class FittedColumns {

    private static final double PADDING = 26; // a cell's insets and a little air
    private static final double MAX = 420;

    private FittedColumns() {
    }

    /** A column showing {@code value} of each row under {@code header}, its header a wrapping label. */
    public static <T> TableColumn<T, String> column(String header, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>();
        Label title = new Label(header);
        title.setWrapText(true);
        title.getStyleClass().add("fitted-header");
        c.setGraphic(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Sizes {@code table}'s columns made by {@link #column} to their content now and whenever its rows change. */
    public static <T> void fit(TableView<T> table) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Runnable fit = () -> fitNow(table);
        table.getItems().addListener((ListChangeListener<T>) c -> fit.run());
        table.itemsProperty().addListener((o, a, b) -> fit.run());
        table.sceneProperty().addListener((o, a, b) -> fit.run());
        fit.run();
    }

    private static <T> void fitNow(TableView<T> table) {
        for (TableColumn<T, ?> c : table.getColumns()) {
            if (!(c.getGraphic() instanceof Label title)) {
                continue;
            }
            // the theme's sizes (cells 14 px, headers bold): CSS may not have reached a table not shown yet
            double size = Math.max(14, title.getFont().getSize());
            Font font = Font.font(title.getFont().getFamily(), size);
            Font bold = Font.font(title.getFont().getFamily(), FontWeight.BOLD, size);
            double cells = 0;
            for (int i = 0; i < table.getItems().size(); i++) {
                Object v = c.getCellData(i);
                cells = Math.max(cells, width(v == null ? "" : v.toString(), font));
            }
            double whole = width(title.getText(), bold);
            double word = 0;
            for (String w : title.getText().split("\\s+")) {
                word = Math.max(word, width(w, bold));
            }
            // the header on one line where that costs little, else wrapped to its longest word (two lines at most)
            double header = whole <= cells * 1.25 ? whole : Math.max(word, Math.min(whole, Math.max(cells, whole / 2)));
            double w = Math.min(MAX, Math.ceil(Math.max(cells, header) + PADDING));
            c.setPrefWidth(w);
            c.setMinWidth(Math.min(w, Math.ceil(word + PADDING)));
            title.setMaxWidth(w - PADDING + 8);
            title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
    }

    /** The width a column needs to show {@code header} on one line in the window's font (before CSS is known). */
    public static double headerWidth(String header) {
        return Math.ceil(width(header, Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 14)) + PADDING);
    }

    private static double width(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
