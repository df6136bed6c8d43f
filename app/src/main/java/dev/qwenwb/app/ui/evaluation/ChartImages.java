package dev.qwenwb.app.ui.evaluation;

import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Copies a chart to the clipboard as an image (a snapshot of the node as drawn). */
final class ChartImages {

    private ChartImages() {
    }

    /** @return the image put on the clipboard */
    static WritableImage copy(Node chart) {
        WritableImage image = chart.snapshot(null, null);
        ClipboardContent c = new ClipboardContent();
        c.putImage(image);
        Clipboard.getSystemClipboard().setContent(c);
        return image;
    }
}
