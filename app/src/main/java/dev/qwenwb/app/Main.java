package dev.qwenwb.app;

import dev.qwenwb.app.cli.WorkbenchCommand;
import dev.qwenwb.app.ui.WorkbenchApp;
import javafx.application.Application;

/** Entry point of {@code ./workbench}: with a subcommand it runs headless; with none it opens the window. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCommand.commandLine((WorkbenchCommand.WindowRequest request) -> {
            WorkbenchApp.setOpenRun(request.openRun());
            Application.launch(WorkbenchApp.class);
        }).execute(args));
    }
}
