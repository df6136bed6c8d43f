package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.artifacts.ArtifactCatalog;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One cell opened: the full answer of each repeat, the exact prompt sent (or, for replays, the prompt as the suite
 * writes it), each check's output, the per-token latencies; and the verbs that take the answer to the chat.
 */
public final class CellDetailViewModel {

    private final Cell cell;
    private final String caseTitle;
    private final EvalCase evalCase;
    private final ChatHandoff handoff;
    private final IntegerProperty repeat = new SimpleIntegerProperty();
    private final ObjectProperty<ResultRecord> result = new SimpleObjectProperty<>();

    /**
     * @param cell      the cell (with at least one result)
     * @param caseTitle the case's title
     * @param evalCase  the case from the suite, or null when the suite file is not at hand
     * @param handoff   opens an answer in the chat
     */
    CellDetailViewModel(Cell cell, String caseTitle, EvalCase evalCase, ChatHandoff handoff) {
        if (cell.results().isEmpty()) {
            throw new IllegalArgumentException("no result in this cell yet");
        }
        this.cell = cell;
        this.caseTitle = caseTitle;
        this.evalCase = evalCase;
        this.handoff = handoff;
        result.set(cell.results().get(0));
        repeat.addListener((o, a, b) -> result.set(cell.results().get(
                Math.max(0, Math.min(b.intValue(), cell.results().size() - 1)))));
    }

    /** @return "case title — configuration" */
    public String title() {
        return caseTitle + " — " + cell.config();
    }

    public String config() {
        return cell.config();
    }

    /** @return the number of repeats recorded */
    public int repeats() {
        return cell.results().size();
    }

    /** The repeat shown (0-based). */
    public IntegerProperty repeatProperty() {
        return repeat;
    }

    /** The result of the repeat shown. */
    public ObjectProperty<ResultRecord> resultProperty() {
        return result;
    }

    /** @return the answer of the repeat shown */
    public String answer() {
        return result.get().text();
    }

    /** @return whether {@link #prompt()} is the exact text the model was sent */
    public boolean exactPrompt() {
        return result.get().promptText() != null;
    }

    /** @return the exact prompt text sent, else the suite's prompt with a note saying so */
    public String prompt() {
        ResultRecord r = result.get();
        if (r.promptText() != null) {
            return r.promptText();
        }
        if (evalCase == null) {
            return I18n.t("eval.detail.noPrompt");
        }
        return I18n.t("eval.detail.suitePrompt") + "\n\n" + PromptText.of(evalCase.prompt());
    }

    /** @return each check's result, in suite order */
    public List<CheckResult> checks() {
        return result.get().checks();
    }

    /** @return per generated token, ms since the previous (the first is the TTFT); empty for replays */
    public double[] tokenLatenciesMs() {
        return result.get().tokenLatenciesMs().clone();
    }

    /** @return whether the answer shown has code that becomes an artifact (else Open as artifact has nothing) */
    public boolean hasCode() {
        return !ArtifactCatalog.build(List.of(answer())).isEmpty();
    }

    // Commands

    /** Opens the prompt and this answer as a new conversation in the chat. */
    public void openInChat() {
        handoff.open(caseTitle, messages(), answer(), result.get().metrics(), false);
    }

    /** As {@link #openInChat()}, with the artifacts pane showing the answer's code; nothing without code. */
    public void openAsArtifact() {
        if (!hasCode()) {
            return;
        }
        handoff.open(caseTitle, messages(), answer(), result.get().metrics(), true);
    }

    private List<ChatMessage> messages() {
        if (evalCase != null && evalCase.prompt() instanceof Prompt.Chat c) {
            return c.messages();
        }
        String text = evalCase != null ? PromptText.of(evalCase.prompt())
                : result.get().promptText() != null ? result.get().promptText() : caseTitle;
        return List.of(ChatMessage.user(text));
    }
}
