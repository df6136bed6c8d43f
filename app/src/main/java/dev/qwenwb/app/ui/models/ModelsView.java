package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.Dividers;
import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.FittedColumns;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.inference.gguf.GgufOutputType;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.CatalogEntry;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.InstalledModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Models view, a self-contained node: installed models (Load, Delete with confirmation, Reveal in folder, Convert
 * to GGUF with progress and Cancel), the catalog and a typed repo id with Download, and the download queue with
 * per-file bars, speed, ETA, Cancel and Resume.
 */
public final class ModelsView extends BorderPane {

    private final ModelsViewModel vm;
    private final TableView<InstalledModel> installed = new TableView<>();

    /** A view of {@code vm}; lists the installed models once. */
    public ModelsView(ModelsViewModel vm) {
        this(vm, Dividers.none());
    }

    /**
     * A view of {@code vm} whose split keeps its divider positions in {@code dividers}; the downloads area is shown
     * only while there are downloads, so that the catalog gets the space.
     */
    public ModelsView(ModelsViewModel vm, Dividers dividers) {
        this.vm = vm;
        setId("models-view");
        setPadding(new Insets(8));
        setTop(header());
        VBox queue = queuePane();
        SplitPane split = new SplitPane(installedPane(), catalogPane());
        split.setOrientation(Orientation.VERTICAL);
        Runnable showQueue = () -> {
            boolean any = !vm.queue().isEmpty();
            if (any && !split.getItems().contains(queue)) {
                split.getItems().add(queue);
                dividers.apply("models", split, 0.34, 0.64);
            } else if (!any) {
                split.getItems().remove(queue);
                dividers.apply("models", split, 0.4);
            }
        };
        dividers.remember("models", split, 0.4);
        vm.queue().addListener((ListChangeListener<DownloadItemViewModel>) c -> showQueue.run());
        showQueue.run();
        setCenter(split);
        vm.refresh();
    }

    private HBox header() {
        Label title = new Label(I18n.t("models.title"));
        title.getStyleClass().add("title-3");
        Label cache = new Label(I18n.t("models.cache", vm.cacheFolder()));
        cache.setId("models-cache");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button refresh = Icons.on(new Button(I18n.t("models.refresh")), Feather.REFRESH_CW);
        refresh.setId("models-refresh");
        refresh.disableProperty().bind(vm.scanningProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox h = new HBox(12, title, cache, gap, refresh);
        h.setPadding(new Insets(0, 0, 8, 0));
        return h;
    }

    private VBox installedPane() {
        installed.setId("models-installed");
        installed.setItems(vm.installed());
        Label empty = new Label();
        empty.setId("models-empty");
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.scanningProperty())
                .then(I18n.t("models.scanning")).otherwise(I18n.t("models.none")));
        installed.setPlaceholder(empty);
        TableColumn<InstalledModel, String> name = column("models.col.name", this::nameLabel, 260);
        name.setCellValueFactory(d -> javafx.beans.binding.Bindings.createStringBinding(
                () -> nameLabel(d.getValue()), vm.loadedProperty()));
        installed.getColumns().add(name);
        installed.getColumns().add(column("models.col.revision", m -> m.revisionLabel(), 130));
        installed.getColumns().add(column("models.col.format", m -> m.summary().format().label(), 90));
        installed.getColumns().add(column("models.col.architecture",
                m -> m.summary().architecture() == null ? "?" : m.summary().architecture(), 150));
        installed.getColumns().add(column("models.col.params", m -> ByteSizes.parameters(m.summary().parameters()), 70));
        installed.getColumns().add(column("models.col.size", m -> ByteSizes.human(m.sizeOnDisk()), 90));
        installed.getColumns().add(column("models.col.source", this::sourceLabel, 220));
        installed.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        installed.setRowFactory(t -> {
            javafx.scene.control.TableRow<InstalledModel> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.load(row.getItem());
                }
            });
            return row;
        });
        Button load = Icons.on(new Button(I18n.t("models.load")), Feather.PLAY);
        load.setId("models-load");
        Button delete = Icons.on(new Button(I18n.t("models.delete")), Feather.TRASH_2);
        delete.setId("models-delete");
        Button reveal = Icons.on(new Button(I18n.t("models.reveal")), Feather.FOLDER);
        reveal.setId("models-reveal");
        load.disableProperty().bind(installed.getSelectionModel().selectedItemProperty().isNull());
        reveal.disableProperty().bind(load.disableProperty());
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            InstalledModel m = installed.getSelectionModel().getSelectedItem();
            return m == null || !m.inCache();
        }, installed.getSelectionModel().selectedItemProperty()));
        load.setOnAction(e -> vm.load(installed.getSelectionModel().getSelectedItem()));
        reveal.setOnAction(e -> vm.reveal(installed.getSelectionModel().getSelectedItem()));
        delete.setOnAction(e -> confirmDelete(installed.getSelectionModel().getSelectedItem()));
        Label heading = new Label(I18n.t("models.installed"));
        heading.getStyleClass().add("title-4");
        VBox box = new VBox(6, heading, installed, new HBox(8, load, delete, reveal, convertBox()));
        VBox.setVgrow(installed, Priority.ALWAYS);
        return box;
    }

    /** Convert to GGUF: a type, the button, and while it runs a bar and Cancel. */
    private HBox convertBox() {
        ConversionViewModel c = vm.conversion();
        ComboBox<GgufOutputType> type = new ComboBox<>();
        type.setId("models-convert-type");
        type.getItems().addAll(GgufOutputType.values());
        type.valueProperty().bindBidirectional(c.typeProperty());
        Button convert = Icons.on(new Button(I18n.t("models.convert")), Feather.REPEAT);
        convert.setId("models-convert");
        convert.setTooltip(new Tooltip(I18n.t("models.convert.tip", c.root())));
        convert.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !c.canConvert(installed.getSelectionModel().getSelectedItem()),
                installed.getSelectionModel().selectedItemProperty(), c.runningProperty()));
        convert.setOnAction(e -> c.convert(installed.getSelectionModel().getSelectedItem()));
        ProgressBar bar = new ProgressBar();
        bar.setId("models-convert-progress");
        bar.progressProperty().bind(c.progressProperty());
        Button cancel = new Button(I18n.t("models.cancel"));
        cancel.setId("models-convert-cancel");
        cancel.setOnAction(e -> c.cancel());
        for (Node n : new Node[] {bar, cancel}) {
            n.visibleProperty().bind(c.runningProperty());
            n.managedProperty().bind(c.runningProperty());
        }
        HBox h = new HBox(8, type, convert, bar, cancel);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    /** The name, "Demo model" for the demo model, marked when it is the model in use. */
    private String nameLabel(InstalledModel m) {
        String n = vm.isDemo(m) ? I18n.t("models.demoName") : m.name();
        return vm.isLoaded(m) ? n + "  ● " + I18n.t("models.inUse") : n;
    }

    private String sourceLabel(InstalledModel m) {
        if (vm.isDemo(m)) {
            return I18n.t("models.source.demo") + " · " + m.path();
        }
        if (!m.inCache()) {
            return I18n.t("models.source.folder") + " · " + m.path();
        }
        if (m.source().equals("cache")) {
            return I18n.t("models.source.cache");
        }
        return m.source().startsWith("modelscope") ? "ModelScope " + m.source().substring("modelscope".length()).trim()
                : "Hugging Face " + m.source().substring(m.source().indexOf(' ') + 1);
    }

    private void confirmDelete(InstalledModel m) {
        if (m == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("models.deleteConfirm", m.name(),
                ByteSizes.human(m.sizeOnDisk()), m.path()), DialogButtons.ok(), DialogButtons.cancel());
        a.setTitle(I18n.t("models.delete"));
        a.setHeaderText(null);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.showAndWait().filter(DialogButtons::isOk).ifPresent(b -> vm.delete(m));
    }

    private VBox catalogPane() {
        TableView<CatalogEntry> table = new TableView<>(vm.catalog());
        table.setId("models-catalog");
        table.getColumns().add(column("models.col.model", CatalogEntry::title, 300));
        table.getColumns().add(column("models.col.repo", CatalogEntry::repoId, 280));
        table.getColumns().add(column("models.col.format", e -> e.format().label()
                + (e.include().isEmpty() ? "" : " · " + String.join(", ", e.include())), 150));
        table.getColumns().add(column("models.col.download", e -> I18n.t("models.approx", ByteSizes.human(e.approxBytes())), 90));
        TableColumn<CatalogEntry, CatalogEntry> action = new TableColumn<>("");
        action.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        action.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(CatalogEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                Button b = Icons.on(new Button(I18n.t("models.download")), Feather.DOWNLOAD);
                b.setId("catalog-download-" + nodeId(e.repoId()));
                b.setOnAction(x -> vm.download(e));
                setGraphic(b);
            }
        });
        action.setPrefWidth(110);
        table.getColumns().add(action);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Tooltip.install(table, new Tooltip(I18n.t("models.approxNote")));

        TextField repo = new TextField();
        repo.setId("models-repo");
        repo.setPromptText(I18n.t("models.repoPrompt"));
        repo.textProperty().bindBidirectional(vm.repoInputProperty());
        HBox.setHgrow(repo, Priority.ALWAYS);
        ComboBox<HubSource> source = new ComboBox<>();
        source.setId("models-source");
        source.getItems().addAll(HubSource.values());
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(HubSource s) {
                return s == null ? "" : I18n.t("models.source." + s.id());
            }

            @Override
            public HubSource fromString(String s) {
                return null;
            }
        });
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        TextField endpoint = new TextField();
        endpoint.setId("models-endpoint");
        endpoint.setPrefColumnCount(22);
        endpoint.textProperty().bindBidirectional(vm.endpointProperty());
        Runnable prompt = () -> endpoint.setPromptText(I18n.t("models.endpointPrompt", vm.defaultEndpoint()));
        vm.sourceProperty().addListener((o, a, b) -> prompt.run());
        prompt.run();
        Button go = Icons.on(new Button(I18n.t("models.download")), Feather.DOWNLOAD);
        go.setId("models-download-typed");
        go.setDefaultButton(false);
        go.setOnAction(e -> vm.downloadTyped());
        repo.setOnAction(e -> vm.downloadTyped());
        Label notice = new Label();
        notice.setId("models-notice");
        notice.textProperty().bind(vm.noticeProperty());
        Label heading = new Label(I18n.t("models.catalog"));
        heading.getStyleClass().add("title-4");
        HBox typed = new HBox(8, repo, source, endpoint, go);
        VBox box = new VBox(6, heading, table, typed, notice);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private VBox queuePane() {
        VBox items = new VBox(10);
        items.setId("models-queue");
        items.setPadding(new Insets(4));
        Function<DownloadItemViewModel, DownloadItemView> view = d -> new DownloadItemView(d, vm);
        Runnable fill = () -> {
            items.getChildren().clear();
            vm.queue().forEach(d -> items.getChildren().add(view.apply(d)));
            if (items.getChildren().isEmpty()) {
                items.getChildren().add(new Label(I18n.t("models.queueEmpty")));
            }
        };
        vm.queue().addListener((ListChangeListener<DownloadItemViewModel>) c -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(items);
        scroll.setFitToWidth(true);
        Label heading = new Label(I18n.t("models.queue"));
        heading.getStyleClass().add("title-4");
        VBox box = new VBox(6, heading, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return box;
    }

    /** @return {@code text} usable in a CSS id selector: {@code Qwen/Qwen2.5-0.5B} becomes {@code Qwen_Qwen2_5-0_5B} */
    static String nodeId(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static <T> TableColumn<T, String> column(String key, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(I18n.t(key));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(Math.max(width, FittedColumns.headerWidth(c.getText())));
        c.setMinWidth(FittedColumns.headerWidth(c.getText()));
        return c;
    }
}
