package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** A segmented toggle of the main views (chat, evaluation, models), bound to the window's view property. */
final class ViewSwitcher extends HBox {

    ViewSwitcher(ObjectProperty<MainView> view) {
        getStyleClass().add("view-switcher");
        ToggleGroup group = new ToggleGroup();
        for (MainView v : MainView.values()) {
            String key = v.name().toLowerCase(java.util.Locale.ROOT);
            ToggleButton b = new ToggleButton(I18n.t("view." + key));
            b.setId("view-" + key);
            b.setUserData(v);
            b.setToggleGroup(group);
            b.getStyleClass().add(v.ordinal() == 0 ? "left-pill" : v.ordinal() == MainView.values().length - 1
                    ? "right-pill" : "center-pill");
            b.setSelected(view.get() == v);
            getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one view is always shown
            } else {
                view.set((MainView) b.getUserData());
            }
        });
        view.addListener((o, a, b) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));
    }
}
