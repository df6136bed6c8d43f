package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
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
            ToggleButton b = Icons.on(new ToggleButton(I18n.t("view." + key)), v.icon());
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
        // select the new one directly: deselecting the old one first would leave none, which re-selects it
        view.addListener((o, a, b) -> group.getToggles().stream().filter(t -> t.getUserData() == b).findFirst()
                .ifPresent(group::selectToggle));
    }
}
