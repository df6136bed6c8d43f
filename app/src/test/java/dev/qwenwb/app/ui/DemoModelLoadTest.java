package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.app.ui.model.ModelViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picker's demo model: written into the data folder on first use, loaded by the engine, labelled. */
class DemoModelLoadTest {

    @TempDir
    Path data;

    @Test
    void theDemoModelIsWrittenOnFirstUseAndLabelled() throws Exception {
        Path dir = new DataFolder(data).demoModel();
        try (ChatGenerator g = WorkbenchApp.loadWithEngine(new ModelViewModel.ModelSource(dir, true))) {
            assertThat(Files.exists(dir.resolve("config.json"))).isTrue();
            assertThat(g.description().note()).isEqualTo(DemoModel.LABEL);
            assertThat(g.description().device()).isEqualTo("cpu");
            assertThat(g.defaults().eosTokenIds()).isNotEmpty();
        }
    }
}
