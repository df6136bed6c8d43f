package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.llamacpp.LlamaNatives;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help ▸ About: the version, the Java runtime, the engines (and the llama.cpp build the GGUF engine carries), the
 * data folder, and the licences of what the app is made of.
 */
final class AboutDialog {

    /** The libraries the window ships with and their licences. */
    static final String LICENCES = String.join("\n",
            "OpenJFX (JavaFX): GPL-2.0 with the Classpath Exception",
            "AtlantaFX: MIT",
            "Ikonli (Feather icons): Apache-2.0 (icons: MIT)",
            "RichTextFX: BSD-2-Clause",
            "commonmark-java: BSD-2-Clause",
            "jsoup: MIT",
            "Deep Java Library (DJL) and PyTorch (libtorch): Apache-2.0 / BSD-3-Clause",
            "llama.cpp and ggml (via node-llama-cpp): MIT",
            "Jackson: Apache-2.0",
            "picocli: Apache-2.0",
            "openai-java: Apache-2.0",
            "SLF4J: MIT",
            "Qwen2.5 tokenizer: Apache-2.0");

    private AboutDialog() {
    }

    /** The version the build wrote into the app jar's manifest, or "development build". */
    static String version() {
        String v = AboutDialog.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? I18n.t("about.devBuild") : v;
    }

    /** Shows the dialog over {@code owner}. */
    static Dialog<ButtonType> show(Window owner, DataFolder data) {
        Label title = new Label(I18n.t("app.title") + " " + version());
        title.getStyleClass().add("title-3");
        title.setId("about-version");
        Label java = new Label(I18n.t("about.java", System.getProperty("java.version"),
                System.getProperty("java.vendor", "")));
        Label engines = new Label(I18n.t("about.engines"));
        engines.setWrapText(true);
        Label gguf = new Label(I18n.t("about.gguf", LlamaNatives.bundled()));
        gguf.setId("about-llamacpp");
        gguf.setWrapText(true);
        Label folder = new Label(I18n.t("about.data", data.root()));
        folder.setWrapText(true);
        Label licencesTitle = new Label(I18n.t("about.licences"));
        licencesTitle.getStyleClass().add("section-title");
        TextArea licences = new TextArea(LICENCES);
        licences.setId("about-licences");
        licences.setEditable(false);
        licences.setPrefRowCount(8);
        VBox box = new VBox(8, title, java, engines, gguf, folder, licencesTitle, licences);
        box.setPrefWidth(560);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("about.title"));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().add(DialogButtons.close());
        dialog.show();
        return dialog;
    }
}
