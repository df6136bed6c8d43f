package dev.qwenwb.app.ui;

/**
 * What the window asks of the desktop: file choosers and the OS's light/dark setting (tests pass their own).
 *
 * @param files   the folder and GGUF choosers
 * @param osTheme whether the OS is set to dark
 */
public record DesktopServices(FilePicker files, OsTheme osTheme) {

    /** The OS's own. */
    public static DesktopServices system() {
        return new DesktopServices(FilePicker.system(), OsTheme.system());
    }
}
