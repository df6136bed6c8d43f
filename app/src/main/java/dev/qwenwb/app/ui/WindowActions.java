package dev.qwenwb.app.ui;

/** What the window's keyboard shortcuts and menu bar do (implemented by {@link WorkbenchView}). */
public interface WindowActions {

    /** Starts a new conversation and puts the cursor in its input. */
    void newConversation();

    /** Shows the chat and puts the cursor in the conversation search. */
    void searchConversations();

    /** Shows the chat and puts the cursor in the prompt box. */
    void focusInput();

    /** Generates the last reply again. */
    void regenerate();

    /** Stops the reply being generated. */
    void stop();

    /** Opens the conversation's settings (system prompt, sampling, max tokens). */
    void openSettings();

    /** Switches the main view. */
    void show(MainView view);

    /** Shows or hides the artifacts pane (showing the chat when it appears). */
    void toggleArtifacts();

    /** Lists the keyboard shortcuts. */
    void showShortcuts();

    /** Help ▸ About: version, engines, licences. */
    default void showAbout() {
    }
}
