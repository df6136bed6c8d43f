package dev.qwenwb.app.ui;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.artifacts.ArtifactsView;
import dev.qwenwb.app.ui.chat.ChatView;
import dev.qwenwb.app.ui.common.I18n;
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
import dev.qwenwb.app.ui.models.ModelsWindow;
import java.io.File;
import java.nio.file.Path;
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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;

/**
 * The window: toolbar (view switcher, model picker, artifacts toggle, theme, language), the main view (chat with
 * conversations and artifacts, evaluation, models), status bar.
 */
public final class WorkbenchView extends BorderPane {

    private final WorkbenchViewModel vm;
    private final Runnable relocalize;
    private final SplitPane split = new SplitPane();
    private final ArtifactsView artifacts;
    private final EvaluationView evaluation;
    private final ModelsWindow modelsWindow;
    private ModelsView modelsView;

    /** A view of {@code vm}; {@code relocalize} rebuilds the window after a language change. */
    public WorkbenchView(WorkbenchViewModel vm, Runnable relocalize) {
        this.vm = vm;
        this.relocalize = relocalize;
        this.artifacts = new ArtifactsView(vm.artifacts());
        this.modelsWindow = new ModelsWindow(vm.library());
        getStyleClass().add("workbench");
        setTop(toolbar());
        ConversationListView list = new ConversationListView(vm.conversations(), vm::open, vm::openNew,
                vm::rename, vm::delete);
        split.getItems().addAll(list, new ChatView(vm.chat()), artifacts);
        split.setDividerPositions(0.2, 0.62);
        SplitPane.setResizableWithParent(list, false);
        this.evaluation = new EvaluationView(vm.evaluation());
        showView(vm.viewProperty().get());
        vm.viewProperty().addListener((o, x, y) -> showView(y));
        StatusBar status = new StatusBar(vm.models(), vm.chat());
        status.showServer(vm.server());
        setBottom(status);
        vm.artifacts().shownProperty().addListener((o, a, b) -> showArtifacts(b));
    }

    /** The evaluation view (for showing a run opened from the command line). */
    public EvaluationView evaluationView() {
        return evaluation;
    }

    private void showView(MainView v) {
        setCenter(v == MainView.EVALUATION ? evaluation : v == MainView.MODELS ? modelsView() : split);
    }

    /** The Models view (installed models, downloads) as a main view, over the same state as Model ▸ Models…. */
    private Node modelsView() {
        if (modelsView == null) {
            modelsView = new ModelsView(vm.library());
        }
        return modelsView;
    }

    private ToolBar toolbar() {
        MenuButton picker = new MenuButton(I18n.t("model.pick"));
        picker.setId("model-picker");
        Runnable fill = () -> {
            MenuItem demo = new MenuItem(I18n.t("model.demo", DemoModel.LABEL));
            demo.setId("model-demo");
            demo.setOnAction(e -> vm.loadDemoModel());
            MenuItem open = new MenuItem(I18n.t("model.openFolder"));
            open.setOnAction(e -> {
                DirectoryChooser dc = new DirectoryChooser();
                File f = dc.showDialog(getScene().getWindow());
                if (f != null) {
                    vm.loadFolder(f.toPath());
                }
            });
            picker.getItems().setAll(demo, new SeparatorMenuItem());
            for (String recent : vm.settingsProperty().get().recentModels()) {
                MenuItem m = new MenuItem(recent);
                m.setOnAction(e -> vm.loadFolder(Path.of(recent)));
                picker.getItems().add(m);
            }
            picker.getItems().add(open);
            for (RemoteEndpoint ep : vm.settingsProperty().get().endpoints()) {
                MenuItem m = new MenuItem(ep.label());
                m.setOnAction(e -> vm.connect(ep));
                picker.getItems().add(m);
            }
            MenuItem addEndpoint = new MenuItem(I18n.t("model.addEndpoint"));
            addEndpoint.setId("model-add-endpoint");
            addEndpoint.setOnAction(e -> new EndpointDialog(new EndpointDialogViewModel())
                    .showAndWait(getScene().getWindow()).ifPresent(vm::addEndpoint));
            picker.getItems().add(addEndpoint);
            MenuItem library = new MenuItem(I18n.t("model.models"));
            library.setId("model-models");
            library.setOnAction(e -> modelsWindow.show(getScene().getWindow()));
            picker.getItems().add(library);
            MenuItem engine = new MenuItem(I18n.t("model.engine"));
            engine.setId("model-engine");
            engine.setOnAction(e -> editEngine());
            MenuItem reload = new MenuItem(I18n.t("model.reload"));
            reload.setId("model-reload");
            reload.disableProperty().bind(vm.models().sourceProperty().isNull());
            reload.setOnAction(e -> vm.reloadModel());
            CheckMenuItem serve = new CheckMenuItem(I18n.t("model.serve", vm.server().offeredAddress()));
            serve.setId("model-serve");
            serve.disableProperty().bind(vm.models().generatorProperty().isNull());
            serve.setSelected(vm.server().servingProperty().get());
            vm.server().servingProperty().addListener((o, a, b) -> serve.setSelected(b));
            serve.setOnAction(e -> vm.server().setServing(serve.isSelected()));
            picker.getItems().addAll(new SeparatorMenuItem(), engine, reload, serve);
        };
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

        ToggleButton showArtifacts = new ToggleButton(I18n.t("artifacts.title"));
        showArtifacts.setId("toggle-artifacts");
        showArtifacts.selectedProperty().bindBidirectional(vm.artifacts().shownProperty());
        ToggleButton dark = new ToggleButton(I18n.t("theme.dark"));
        dark.setId("toggle-theme");
        dark.setSelected("dark".equals(vm.settingsProperty().get().theme()));
        dark.selectedProperty().addListener((o, a, b) ->
                vm.updateSettings(vm.settingsProperty().get().withTheme(b ? "dark" : "light")));
        ComboBox<String> language = new ComboBox<>();
        language.getItems().addAll("English", "简体中文");
        String lang = vm.settingsProperty().get().language();
        language.setValue(lang == null ? (java.util.Locale.getDefault().getLanguage().equals("zh") ? "简体中文"
                : "English") : lang.startsWith("zh") ? "简体中文" : "English");
        language.setOnAction(e -> {
            vm.updateSettings(vm.settingsProperty().get().withLanguage(
                    "简体中文".equals(language.getValue()) ? "zh-CN" : "en"));
            relocalize.run();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return new ToolBar(new ViewSwitcher(vm.viewProperty()), new Separator(), picker, loaded, gap, showArtifacts,
                dark, language);
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
            split.setDividerPositions(0.2, 0.62);
        } else if (!show) {
            split.getItems().remove(artifacts);
        }
    }
}
