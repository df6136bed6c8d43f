package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.CatalogEntry;
import dev.qwenwb.inference.hub.ModelCatalog;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The chat's empty state on a first start (no settings yet, no model installed): download the starter model, or
 * use the offline demo model. Shown while {@link WorkbenchViewModel#starterOfferProperty()} holds.
 */
final class StarterOffer extends VBox {

    StarterOffer(WorkbenchViewModel vm) {
        getStyleClass().add("starter-offer");
        setId("starter-offer");
        setSpacing(10);
        CatalogEntry starter = ModelCatalog.starter();
        Label title = new Label(I18n.t("offer.title"));
        title.getStyleClass().add("title-3");
        Label text = new Label(I18n.t("offer.text"));
        text.setWrapText(true);
        Button download = Icons.on(new Button(I18n.t("offer.download", starter.repoId().substring(
                starter.repoId().indexOf('/') + 1), ByteSizes.human(starter.approxBytes()))), Feather.DOWNLOAD);
        download.setId("offer-download");
        download.getStyleClass().add("accent");
        download.setOnAction(e -> vm.downloadStarterModel());
        Button demo = Icons.on(new Button(I18n.t("offer.demo")), Feather.ZAP);
        demo.setId("offer-demo");
        demo.setOnAction(e -> vm.useDemoModel());
        Label note = new Label(I18n.t("offer.demoNote"));
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        download.setMinWidth(Region.USE_PREF_SIZE);
        demo.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(title, text, new FlowPane(8, 8, download, demo), note);
        visibleProperty().bind(vm.starterOfferProperty());
        managedProperty().bind(visibleProperty());
    }
}
