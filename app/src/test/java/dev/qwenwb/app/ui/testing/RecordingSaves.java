package dev.qwenwb.app.ui.testing;

import dev.qwenwb.app.ui.FilePicker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/**
 * A {@link FilePicker} for tests: the save dialog records the folder it opened in and the name it proposed, and
 * answers with {@link #answer} (null: the user cancels); the open dialogs cancel.
 */
public final class RecordingSaves implements FilePicker {

    /** Each save dialog asked: {folder, proposed file name}. */
    public final List<String[]> asked = new CopyOnWriteArrayList<>();
    /** What the next save dialog answers; null cancels. */
    public volatile Path answer;

    @Override
    public Path folder(Window owner, String title) {
        return null;
    }

    @Override
    public Path gguf(Window owner, String title) {
        return null;
    }

    @Override
    public Path save(Window owner, String title, Path folder, String fileName) {
        asked.add(new String[] {folder.toString(), fileName});
        return answer;
    }
}
