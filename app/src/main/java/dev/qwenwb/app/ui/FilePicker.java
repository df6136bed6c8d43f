package dev.qwenwb.app.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for a model folder or a GGUF file (the OS's dialogs; tests answer without one). */
public interface FilePicker {

    /** A folder, or null when the user cancels. */
    Path folder(Window owner, String title);

    /** A {@code .gguf} file, or null when the user cancels. */
    Path gguf(Window owner, String title);

    /** Where to save an export: the OS's save dialog opened in {@code folder} proposing {@code fileName}. */
    default Path save(Window owner, String title, Path folder, String fileName) {
        return dev.qwenwb.app.ui.common.SaveDialog.system().ask(owner, title, folder, fileName);
    }

    /** The OS's own choosers. */
    static FilePicker system() {
        return new FilePicker() {
            @Override
            public Path folder(Window owner, String title) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle(title);
                File f = dc.showDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path gguf(Window owner, String title) {
                FileChooser fc = new FileChooser();
                fc.setTitle(title);
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF (*.gguf)", "*.gguf"));
                File f = fc.showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }
        };
    }
}
