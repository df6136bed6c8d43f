package dev.qwenwb.app.ui.common;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user where to save a file (the OS's save dialog; tests answer without one). */
@FunctionalInterface
public interface SaveDialog {

    /**
     * @param owner    the window the dialog belongs to
     * @param title    the dialog's title
     * @param folder   the folder it opens in
     * @param fileName the name it proposes
     * @return the file chosen, or null when the user cancels
     */
    Path ask(Window owner, String title, Path folder, String fileName);

    /** The OS's own save dialog. */
    static SaveDialog system() {
        return (owner, title, folder, fileName) -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(title);
            fc.setInitialDirectory(folder.toFile());
            fc.setInitialFileName(fileName);
            File f = fc.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        };
    }
}
