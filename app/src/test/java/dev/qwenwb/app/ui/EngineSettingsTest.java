package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.EngineSettings;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.model.ModelViewModel;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine settings are saved with the app settings and reach the model loader on the next load. */
class EngineSettingsTest {

    @TempDir
    Path data;

    private final List<ModelViewModel.ModelSource> loads = new CopyOnWriteArrayList<>();

    private WorkbenchViewModel window() {
        return new WorkbenchViewModel(new DataFolder(data), Runnable::run, Runnable::run, source -> {
            loads.add(source);
            return new ScriptedGenerator(0, List.of("hi")).chat();
        });
    }

    @Test
    void defaultsAreAutoPrecisionAutoDevice4096TokensAutomaticThreads() {
        EngineOptions o = EngineSettings.defaults().toOptions(null);
        assertThat(o).isEqualTo(new EngineOptions(DeviceSpec.auto(), null, 4096, 0)); // null: measured at load
    }

    @Test
    void theDtypePropertyOverridesTheSavedPrecision() {
        EngineOptions o = EngineSettings.defaults().toOptions("f32");
        assertThat(o.dtype()).isEqualTo(ComputeDType.F32);
        assertThat(EngineSettings.defaults().withDtype("f32").toOptions(" ").dtype()).isEqualTo(ComputeDType.F32);
    }

    @Test
    void settingsWrittenBeforeTheEngineSectionLoadWithDefaults() throws Exception {
        Files.writeString(data.resolve("settings.json"), "{\"theme\":\"dark\",\"recentModels\":[]}");
        AppSettings s = AppSettings.load(data.resolve("settings.json"));
        assertThat(s.theme()).isEqualTo("dark");
        assertThat(s.engine()).isEqualTo(EngineSettings.defaults());
        assertThat(new EngineSettings("f64", "tpu", -1, -3)).isEqualTo(EngineSettings.defaults());
    }

    @Test
    void chosenOptionsArePersistedAndReachTheLoaderOnReload() {
        WorkbenchViewModel vm = window();
        vm.loadDemoModel();
        assertThat(vm.models().stateProperty().get()).isEqualTo(LoadState.READY);
        assertThat(loads.get(0).options().dtype()).as("auto: measured at load").isNull();

        vm.updateEngine(new EngineSettings("f32", "cpu", 8192, 2));
        assertThat(loads).hasSize(1); // applied on the next load, not now
        vm.reloadModel();

        assertThat(loads).hasSize(2);
        assertThat(loads.get(1).demo()).isTrue();
        assertThat(loads.get(1).dir()).isEqualTo(loads.get(0).dir());
        assertThat(loads.get(1).options())
                .isEqualTo(new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 8192, 2));
        assertThat(vm.models().sourceProperty().get()).isEqualTo(loads.get(1));

        WorkbenchViewModel reopened = window();
        assertThat(reopened.settingsProperty().get().engine()).isEqualTo(new EngineSettings("f32", "cpu", 8192, 2));
        reopened.loadFolder(data.resolve("some-model"));
        assertThat(loads.get(2).options().dtype()).isEqualTo(ComputeDType.F32);
        assertThat(loads.get(2).options().contextLength()).isEqualTo(8192);
    }
}
