package dev.qwenwb.app.ui.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One row of the grid: a case and one cell per configuration, each observable so a cell updates in place. */
public final class CaseRow {

    private final String caseId;
    private final String title;
    private final Map<String, ObjectProperty<Cell>> cells = new LinkedHashMap<>();

    CaseRow(String caseId, String title, List<String> configs) {
        this.caseId = caseId;
        this.title = title;
        for (String c : configs) {
            cells.put(c, new SimpleObjectProperty<>(new Cell(c, caseId, List.of(), false)));
        }
    }

    public String caseId() {
        return caseId;
    }

    public String title() {
        return title;
    }

    /** @return the cell of {@code config} (an empty one for a configuration this run does not have) */
    public ObjectProperty<Cell> cell(String config) {
        return cells.computeIfAbsent(config, c -> new SimpleObjectProperty<>(new Cell(c, caseId, List.of(), false)));
    }

    /** @return the cells, in configuration order */
    public List<Cell> cells() {
        return cells.values().stream().map(ObjectProperty::get).toList();
    }

    /** @return whether some configuration failed this case */
    public boolean anyFailed() {
        return cells().stream().anyMatch(c -> c.verdict() == dev.qwenwb.evaluation.exec.Verdict.FAILED);
    }

    /** @return whether configurations with a result disagree on whether it passed */
    public boolean disagrees() {
        return cells().stream().filter(c -> !c.results().isEmpty() && c.verdict()
                != dev.qwenwb.evaluation.exec.Verdict.SKIPPED).map(c -> c.passes() == c.results().size())
                .distinct().count() > 1;
    }
}
