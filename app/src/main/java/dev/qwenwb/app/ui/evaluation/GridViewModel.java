package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The grid: one row per case, one column per configuration, filled as results arrive; filters for failures and
 * for rows where configurations disagree.
 */
public final class GridViewModel {

    private final ObservableList<String> configs = FXCollections.observableArrayList();
    private final ObservableList<CaseRow> all = FXCollections.observableArrayList();
    private final FilteredList<CaseRow> shown = new FilteredList<>(all);
    private final BooleanProperty failuresOnly = new SimpleBooleanProperty();
    private final BooleanProperty disagreeOnly = new SimpleBooleanProperty();
    private final Map<String, CaseRow> byCase = new LinkedHashMap<>();
    private final Map<String, List<ResultRecord>> byCell = new LinkedHashMap<>();
    private String inFlightConfig;
    private String inFlightCase;

    GridViewModel() {
        failuresOnly.addListener((o, a, b) -> refilter());
        disagreeOnly.addListener((o, a, b) -> refilter());
    }

    /** The configuration columns. */
    public ObservableList<String> configs() {
        return configs;
    }

    /** The rows shown (filters applied). */
    public ObservableList<CaseRow> rows() {
        return shown;
    }

    /** Every row. */
    public List<CaseRow> allRows() {
        return all;
    }

    /** Show only rows where a configuration failed. */
    public BooleanProperty failuresOnlyProperty() {
        return failuresOnly;
    }

    /** Show only rows where configurations disagree (one passed, another did not). */
    public BooleanProperty disagreeOnlyProperty() {
        return disagreeOnly;
    }

    /** @return the row of {@code caseId}, or null */
    public CaseRow row(String caseId) {
        return byCase.get(caseId);
    }

    /** Shows a run: its cases and configurations, and the results recorded so far. */
    void reset(RunInfo info, List<ResultRecord> results) {
        byCase.clear();
        byCell.clear();
        inFlightConfig = null;
        inFlightCase = null;
        List<String> names = new ArrayList<>(info.configs().keySet());
        List<CaseRow> rows = new ArrayList<>();
        info.caseTitles().forEach((id, title) -> {
            CaseRow r = new CaseRow(id, title, names);
            byCase.put(id, r);
            rows.add(r);
        });
        configs.setAll(names);
        all.setAll(rows);
        results.forEach(this::put);
        refilter();
    }

    /** Adds results as they arrive. */
    void add(List<ResultRecord> results) {
        results.forEach(this::put);
        refilter();
    }

    /** Marks the cell being answered (null: none). */
    void inFlight(String config, String caseId) {
        String oldConfig = inFlightConfig;
        String oldCase = inFlightCase;
        inFlightConfig = config;
        inFlightCase = caseId;
        if (oldConfig != null) {
            update(oldConfig, oldCase);
        }
        if (config != null) {
            update(config, caseId);
        }
    }

    private void put(ResultRecord r) {
        List<ResultRecord> rs = byCell.computeIfAbsent(r.config() + "\u0000" + r.caseId(), k -> new ArrayList<>());
        rs.removeIf(x -> x.repeat() == r.repeat());
        rs.add(r);
        rs.sort(Comparator.comparingInt(ResultRecord::repeat));
        update(r.config(), r.caseId());
    }

    private void update(String config, String caseId) {
        CaseRow row = byCase.get(caseId);
        if (row == null) {
            return;
        }
        List<ResultRecord> rs = byCell.getOrDefault(config + "\u0000" + caseId, List.of());
        boolean flying = config.equals(inFlightConfig) && caseId.equals(inFlightCase);
        row.cell(config).set(new Cell(config, caseId, rs, flying));
    }

    private void refilter() {
        boolean f = failuresOnly.get();
        boolean d = disagreeOnly.get();
        if (f || d) {
            shown.setPredicate(r -> (!f || r.anyFailed()) && (!d || r.disagrees())); // a new predicate re-filters
        } else if (shown.getPredicate() != null) {
            shown.setPredicate(null);
        }
    }
}
