package dev.qwenwb.app.ui.testing;

import javafx.stage.Stage;

/** The screen the UI tests open the window on: 1366×768, the most common laptop's (issue 20's size). */
public final class Laptop {

    public static final int WIDTH = 1366;
    public static final int HEIGHT = 768;

    private Laptop() {
    }

    /** Puts the window at the top left, filling the laptop's screen (FX thread). */
    public static void place(Stage stage) {
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
    }
}
