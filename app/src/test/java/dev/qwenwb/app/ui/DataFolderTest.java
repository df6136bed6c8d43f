package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the data folder is on each OS, and which overrides win. */
class DataFolderTest {

    @TempDir
    Path tmp;

    private final Map<String, String> props = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private HostEnvironment host(String os) {
        props.put("os.name", os);
        props.put("user.home", tmp.resolve("home").toString());
        return new HostEnvironment(props::get, env::get);
    }

    private Path resolved(String os) {
        return DataFolder.resolve(host(os), DataFolderMigration.SYSTEM_MOVE).folder().root();
    }

    @Test
    void linuxUsesXdgDataHomeElseLocalShare() {
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("home/.local/share/qwen-workbench"));
        env.put("XDG_DATA_HOME", tmp.resolve("xdg").toString());
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("xdg/qwen-workbench"));
        env.put("XDG_DATA_HOME", "relative/dir"); // invalid by the XDG spec: ignored
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("home/.local/share/qwen-workbench"));
    }

    @Test
    void homeIsTheHomeVariableOnLinuxAndMacOsAsShellsReadItNotOnWindows() {
        env.put("HOME", tmp.resolve("other-home").toString());
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("other-home/.local/share/qwen-workbench"));
        assertThat(resolved("Mac OS X")).isEqualTo(tmp.resolve("other-home/Library/Application Support/Qwen Workbench"));
        assertThat(resolved("Windows 11")).isEqualTo(tmp.resolve("home/AppData/Roaming/Qwen Workbench"));
        env.put("HOME", "relative"); // not a home folder: user.home
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("home/.local/share/qwen-workbench"));
    }

    @Test
    void windowsUsesAppDataAndMacOsApplicationSupport() {
        env.put("APPDATA", tmp.resolve("roaming").toString());
        assertThat(resolved("Windows 11")).isEqualTo(tmp.resolve("roaming/Qwen Workbench"));
        env.remove("APPDATA");
        assertThat(resolved("Windows 11")).isEqualTo(tmp.resolve("home/AppData/Roaming/Qwen Workbench"));
        assertThat(resolved("Mac OS X")).isEqualTo(tmp.resolve("home/Library/Application Support/Qwen Workbench"));
    }

    @Test
    void thePropertyWinsOverTheVariableWhichWinsOverTheDefaultAndNothingIsMoved() throws Exception {
        Path legacy = Files.createDirectories(tmp.resolve("home/.qwen-workbench"));
        env.put(DataFolder.ENV, tmp.resolve("from-env").toString());
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("from-env"));
        props.put(DataFolder.PROPERTY, tmp.resolve("from-property").toString());
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("from-property"));
        props.put(DataFolder.PROPERTY, " ");
        assertThat(resolved("Linux")).isEqualTo(tmp.resolve("from-env"));
        assertThat(legacy).isDirectory(); // an override is used as it is: the old folder stays where it is
    }

    @Test
    void theFirstStartMovesTheLegacyFolderAndUsesItsContent() throws Exception {
        Path legacy = Files.createDirectories(tmp.resolve("home/.qwen-workbench/conversations"));
        Files.writeString(legacy.getParent().resolve("settings.json"), "{\"theme\":\"dark\"}");
        env.put("XDG_DATA_HOME", tmp.resolve("xdg").toString());

        DataFolder.Resolution r = DataFolder.resolve(host("Linux"), DataFolderMigration.SYSTEM_MOVE);

        assertThat(r.migration().status()).isEqualTo(DataFolderMigration.Status.MOVED);
        assertThat(r.folder().root()).isEqualTo(tmp.resolve("xdg/qwen-workbench"));
        assertThat(AppSettings.load(r.folder().settingsFile()).theme()).isEqualTo("dark");
        assertThat(r.folder().conversations()).isDirectory();
        assertThat(tmp.resolve("home/.qwen-workbench")).doesNotExist();
        // the second start finds nothing to move
        assertThat(DataFolder.resolve(host("Linux"), DataFolderMigration.SYSTEM_MOVE).migration().status())
                .isEqualTo(DataFolderMigration.Status.NOTHING_TO_MOVE);
    }

    @Test
    void aFailedMoveKeepsUsingTheWholeLegacyFolder() throws Exception {
        Path legacy = Files.createDirectories(tmp.resolve("home/.qwen-workbench"));
        Files.writeString(legacy.resolve("settings.json"), "{}");
        Files.writeString(tmp.resolve("xdg"), "a file where the data home's folder should be");
        env.put("XDG_DATA_HOME", tmp.resolve("xdg").toString());

        DataFolder.Resolution r = DataFolder.resolve(host("Linux"), DataFolderMigration.SYSTEM_MOVE);

        assertThat(r.migration().status()).isEqualTo(DataFolderMigration.Status.FAILED);
        assertThat(r.migration().message()).contains(legacy.toString()).contains("nothing was changed");
        assertThat(r.folder().root()).isEqualTo(legacy);
        assertThat(legacy.resolve("settings.json")).hasContent("{}");
    }
}
