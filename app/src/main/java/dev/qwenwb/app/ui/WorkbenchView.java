package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.artifacts.ArtifactsView;
import dev.qwenwb.app.ui.chat.ChatView;
import dev.qwenwb.app.ui.common.Exports;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.app.ui.conversations.ConversationListView;
import dev.qwenwb.app.ui.evaluation.EvaluationView;
import dev.qwenwb.app.ui.model.EndpointDialog;
import dev.qwenwb.app.ui.model.EndpointDialogViewModel;
import dev.qwenwb.app.ui.model.EngineDialog;
import dev.qwenwb.app.ui.model.EngineSettingsViewModel;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.model.ModelDescription;
import dev.qwenwb.app.ui.model.RemoteEndpoint;
import dev.qwenwb.app.ui.models.ModelsView;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window: menu bar (from the {@link Shortcut} table), toolbar (view switcher, model picker, artifacts toggle,
 * theme, language), the main view (chat with conversations and artifacts, evaluation, models), status bar.
 */
public final class WorkbenchView extends BorderPane {

    private final WorkbenchViewModel vm;
    private final Runnable relocalize;
    private final FilePicker files;
    private final SplitPane split = new SplitPane();
    private final ArtifactsView artifacts;
    private final EvaluationView evaluation;
    private final ChatView chat;
    private final ConversationListView list;
    private ModelsView modelsView;

    /**
     * A view of {@code vm}; {@code relocalize} rebuilds the window after a language change; {@code files} asks for
     * model folders and GGUF files.
     */
    public WorkbenchView(WorkbenchViewModel vm, Runnable relocalize, FilePicker files) {
        this.vm = vm;
        this.relocalize = relocalize;
        this.files = files;
        this.artifacts = new ArtifactsView(vm.artifacts());
        getStyleClass().add("workbench");
        setTop(new VBox(WorkbenchMenus.build(new Actions(), vm.themeProperty(), vm::setTheme), toolbar()));
        Exports exports = new Exports(vm.exportFolderProperty(), files::save, HostEnvironment.system().home());
        list = new ConversationListView(vm.conversations(), vm::open, vm::openNew, vm::rename, vm::delete, exports);
        chat = new ChatView(vm.chat());
        chat.setEmptyState(new StarterOffer(vm));
        split.getItems().addAll(list, chat, artifacts);
        vm.dividers().remember("chat", split, 0.2, 0.62);
        SplitPane.setResizableWithParent(list, false);
        this.evaluation = new EvaluationView(vm.evaluation(), vm.dividers(), exports);
        showView(vm.viewProperty().get());
        vm.viewProperty().addListener((o, x, y) -> showView(y));
        StatusBar status = new StatusBar(vm.models(), vm.chat());
        status.showServer(vm.server());
        setBottom(status);
        // the pane takes room only once there is an artifact to show (and the user has not hidden it)
        Runnable syncArtifacts = () -> showArtifacts(vm.artifacts().shownProperty().get()
                && !vm.artifacts().artifacts().isEmpty());
        vm.artifacts().shownProperty().addListener((o, a, b) -> syncArtifacts.run());
        vm.artifacts().artifacts().addListener((javafx.collections.ListChangeListener<Object>) c -> syncArtifacts.run());
        syncArtifacts.run();
    }

    /** The evaluation view (for showing a run opened from the command line). */
    public EvaluationView evaluationView() {
        return evaluation;
    }

    private void showView(MainView v) {
        setCenter(v == MainView.EVALUATION ? evaluation : v == MainView.MODELS ? modelsView() : split);
    }

    /** The Models view (installed models, downloads) as a main view (Model ▸ Models… shows it too). */
    private Node modelsView() {
        if (modelsView == null) {
            modelsView = new ModelsView(vm.library(), vm.dividers());
        }
        return modelsView;
    }

    private ToolBar toolbar() {
        MenuButton picker = Icons.on(new MenuButton(I18n.t("model.pick")), Feather.CPU);
        picker.setId("model-picker");
        Runnable fill = () -> fillPicker(picker);
        fill.run();
        vm.settingsProperty().addListener((o, a, b) -> fill.run());
        Label loaded = new Label();
        loaded.setId("model-label");
        Runnable syncLabel = () -> {
            LoadState s = vm.models().stateProperty().get();
            loaded.setText(s == LoadState.LOADING ? I18n.t("state.loading", vm.models().loadingProperty().get())
                    : vm.models().descriptionProperty().get() == null ? I18n.t("status.noModel")
                    : vm.models().descriptionProperty().get().name());
        };
        vm.models().stateProperty().addListener((o, a, b) -> syncLabel.run());
        syncLabel.run();
        picker.disableProperty().bind(vm.models().stateProperty().isEqualTo(LoadState.LOADING));

        ToggleButton showArtifacts = Icons.on(new ToggleButton(I18n.t("artifacts.title")), Feather.SIDEBAR);
        showArtifacts.setId("toggle-artifacts");
        showArtifacts.setTooltip(new Tooltip(Shortcut.TOGGLE_ARTIFACTS.keys().getDisplayText()));
        showArtifacts.selectedProperty().bindBidirectional(vm.artifacts().shownProperty());
        ThemeSwitcher theme = new ThemeSwitcher(vm.themeProperty(), vm::setTheme);
        ComboBox<String> language = new ComboBox<>();
        language.setId("language");
        language.getItems().addAll("English", "简体中文");
        String lang = vm.settingsProperty().get().language();
        language.setValue(lang == null ? (Locale.getDefault().getLanguage().equals("zh") ? "简体中文"
                : "English") : lang.startsWith("zh") ? "简体中文" : "English");
        language.setOnAction(e -> {
            vm.updateSettings(vm.settingsProperty().get().withLanguage(
                    "简体中文".equals(language.getValue()) ? "zh-CN" : "en"));
            relocalize.run();
        });
        Label globe = new Label("", Icons.of(Feather.GLOBE));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return new ToolBar(new ViewSwitcher(vm.viewProperty()), new Separator(Orientation.VERTICAL), picker, loaded, gap, showArtifacts,
                theme, globe, language);
    }

    private void fillPicker(MenuButton picker) {
        MenuItem demo = Icons.on(new MenuItem(I18n.t("model.demo", I18n.t("model.demoNote"))), Feather.ZAP);
        demo.setId("model-demo");
        demo.setOnAction(e -> vm.loadDemoModel());
        MenuItem open = Icons.on(new MenuItem(I18n.t("model.openFolder")), Feather.FOLDER);
        open.setId("model-open-folder");
        open.setOnAction(e -> {
            Path dir = files.folder(getScene().getWindow(), I18n.t("model.openFolder"));
            if (dir != null) {
                vm.loadFolder(dir);
            }
        });
        MenuItem gguf = Icons.on(new MenuItem(I18n.t("model.openGguf")), Feather.FILE);
        gguf.setId("model-open-gguf");
        gguf.setOnAction(e -> {
            Path file = files.gguf(getScene().getWindow(), I18n.t("model.openGguf"));
            if (file != null) {
                vm.loadFolder(file);
            }
        });
        picker.getItems().setAll(demo, new SeparatorMenuItem());
        for (String recent : vm.settingsProperty().get().recentModels()) {
            MenuItem m = Icons.on(new MenuItem(recent), recent.endsWith(".gguf") ? Feather.FILE : Feather.FOLDER);
            m.setOnAction(e -> vm.loadFolder(Path.of(recent)));
            picker.getItems().add(m);
        }
        picker.getItems().addAll(open, gguf);
        for (RemoteEndpoint ep : vm.settingsProperty().get().endpoints()) {
            MenuItem m = Icons.on(new MenuItem(ep.label()), Feather.CLOUD);
            m.setOnAction(e -> vm.connect(ep));
            picker.getItems().add(m);
        }
        MenuItem addEndpoint = Icons.on(new MenuItem(I18n.t("model.addEndpoint")), Feather.PLUS);
        addEndpoint.setId("model-add-endpoint");
        addEndpoint.setOnAction(e -> new EndpointDialog(new EndpointDialogViewModel())
                .showAndWait(getScene().getWindow()).ifPresent(vm::addEndpoint));
        picker.getItems().add(addEndpoint);
        MenuItem library = Icons.on(new MenuItem(I18n.t("model.models")), MainView.MODELS.icon());
        library.setId("model-models");
        library.setOnAction(e -> vm.viewProperty().set(MainView.MODELS));
        picker.getItems().add(library);
        MenuItem engine = Icons.on(new MenuItem(I18n.t("model.engine")), Feather.SETTINGS);
        engine.setId("model-engine");
        engine.setOnAction(e -> editEngine());
        MenuItem reload = Icons.on(new MenuItem(I18n.t("model.reload")), Feather.REFRESH_CW);
        reload.setId("model-reload");
        reload.disableProperty().bind(vm.models().sourceProperty().isNull());
        reload.setOnAction(e -> vm.reloadModel());
        CheckMenuItem serve = Icons.on(new CheckMenuItem(I18n.t("model.serve", vm.server().offeredAddress())),
                Feather.RADIO);
        serve.setId("model-serve");
        serve.disableProperty().bind(vm.models().generatorProperty().isNull());
        serve.setSelected(vm.server().servingProperty().get());
        vm.server().servingProperty().addListener((o, a, b) -> serve.setSelected(b));
        serve.setOnAction(e -> vm.server().setServing(serve.isSelected()));
        CheckMenuItem reloadOnStart = new CheckMenuItem(I18n.t("model.reloadOnStart"));
        reloadOnStart.setId("model-reload-on-start");
        reloadOnStart.setSelected(vm.settingsProperty().get().reloadLast());
        reloadOnStart.setOnAction(e -> vm.setReloadLast(reloadOnStart.isSelected()));
        picker.getItems().addAll(new SeparatorMenuItem(), engine, reload, reloadOnStart, serve);
    }

    private void editEngine() {
        ModelDescription d = vm.models().descriptionProperty().get();
        boolean cuda = d != null && d.device().startsWith("cuda"); // known only from a model loaded there
        EngineSettingsViewModel engine = new EngineSettingsViewModel(vm.settingsProperty().get().engine(), cuda, 0,
                Runtime.getRuntime().availableProcessors());
        new EngineDialog(engine).showAndWait(getScene().getWindow()).ifPresent(vm::updateEngine);
    }

    private void showArtifacts(boolean show) {
        if (show && !split.getItems().contains(artifacts)) {
            split.getItems().add(artifacts);
            vm.dividers().apply("chat", split, 0.2, 0.62);
        } else if (!show) {
            split.getItems().remove(artifacts);
            vm.dividers().apply("chat", split, 0.22);
        }
    }

    /** What the menu bar and the keyboard shortcuts do here. */
    private final class Actions implements WindowActions {

        @Override
        public void newConversation() {
            vm.viewProperty().set(MainView.CHAT);
            vm.openNew();
            chat.focusInput();
        }

        @Override
        public void searchConversations() {
            vm.viewProperty().set(MainView.CHAT);
            list.focusSearch();
        }

        @Override
        public void focusInput() {
            vm.viewProperty().set(MainView.CHAT);
            chat.focusInput();
        }

        @Override
        public void regenerate() {
            vm.chat().regenerate();
        }

        @Override
        public void stop() {
            vm.chat().stop();
        }

        @Override
        public void openSettings() {
            chat.openSettings();
        }

        @Override
        public void show(MainView view) {
            vm.viewProperty().set(view);
        }

        @Override
        public void toggleArtifacts() {
            boolean show = !vm.artifacts().shownProperty().get();
            vm.artifacts().shownProperty().set(show);
            if (show) {
                vm.viewProperty().set(MainView.CHAT);
            }
        }

        @Override
        public void showShortcuts() {
            ShortcutsDialog.show(getScene().getWindow());
        }

        @Override
        public void showAbout() {
            AboutDialog.show(getScene().getWindow(), vm.data());
        }
    }
}
