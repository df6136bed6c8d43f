package dev.qwenwb.app.ui.models;

import dev.qwenwb.inference.hub.ByteSizes;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One file of a download: its progress bar and its bytes. Changed on the UI thread only. */
public final class FileProgressViewModel {

    private final String path;
    private final long size;
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");

    FileProgressViewModel(String path, long size, long have) {
        this.path = path;
        this.size = size;
        bytes(have);
    }

    /** @return the path in the repo */
    public String path() {
        return path;
    }

    /** @return 0..1, or -1 when the size is unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** @return e.g. {@code 12.3 MB / 19.6 MB} or {@code verified} */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    void bytes(long have) {
        progress.set(size > 0 ? Math.min(1.0, (double) have / size) : size == 0 ? 1.0 : -1);
        status.set(ByteSizes.human(have) + " / " + ByteSizes.human(size));
    }

    void done(String label) {
        progress.set(1.0);
        status.set(label + " · " + ByteSizes.human(size));
    }
}
