package dev.qwenwb.app.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.stage.Window;

/**
 * Where the user's exports (reports, conversations) go: the save dialog opens in the folder used for the last
 * export (remembered in the settings), else the user's Documents folder, else the home folder, with a name the
 * caller makes from what is exported ({@link #fileName}).
 */
public final class Exports {

    private final ObjectProperty<Path> lastFolder;
    private final SaveDialog dialog;
    private final Path home;

    /**
     * @param lastFolder the folder of the last export (null: none yet); set after each export
     * @param dialog     asks for the file
     * @param home       the user's home folder
     */
    public Exports(ObjectProperty<Path> lastFolder, SaveDialog dialog, Path home) {
        this.lastFolder = lastFolder;
        this.dialog = dialog;
        this.home = home;
    }

    /** @return the folder of the last export if it is still there, else home's Documents if there, else home */
    public Path initialFolder() {
        Path last = lastFolder.get();
        if (last != null && Files.isDirectory(last)) {
            return last;
        }
        Path documents = home.resolve("Documents");
        return Files.isDirectory(documents) ? documents : home;
    }

    /** Asks for the file to write, proposing {@code fileName} in {@link #initialFolder()}; null when cancelled. */
    public Path ask(Window owner, String title, String fileName) {
        Path chosen = dialog.ask(owner, title, initialFolder(), fileName);
        if (chosen != null && chosen.toAbsolutePath().getParent() != null) {
            lastFolder.set(chosen.toAbsolutePath().getParent());
        }
        return chosen;
    }

    /**
     * @return {@code stem-YYYY-MM-DD.ext}, the stem made safe for a file name ({@code Qwen suite/1} becomes
     *         {@code Qwen-suite-1}; empty becomes {@code export})
     */
    public static String fileName(String stem, LocalDate date, String extension) {
        String safe = stem == null ? "" : stem.strip().replaceAll("[^\\p{L}\\p{N}._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        return (safe.isEmpty() ? "export" : safe) + (date == null ? "" : "-" + date) + "." + extension;
    }
}
