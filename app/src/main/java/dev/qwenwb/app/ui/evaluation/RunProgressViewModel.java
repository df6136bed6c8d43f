package dev.qwenwb.app.ui.evaluation;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One configuration's progress: results done of total, time since its backend began to open, an estimate of the
 * time left (from this session's pace), and the case in flight.
 */
public final class RunProgressViewModel {

    /** What the configuration is doing. */
    public enum Phase { WAITING, QUEUED, OPENING, RUNNING, DONE }

    private final String name;
    private final IntegerProperty done = new SimpleIntegerProperty();
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final DoubleProperty fraction = new SimpleDoubleProperty();
    private final LongProperty elapsedMs = new SimpleLongProperty();
    private final LongProperty etaMs = new SimpleLongProperty(-1);
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.WAITING);
    private final StringProperty current = new SimpleStringProperty();
    private long openedAt = -1;
    private long firstStartAt = -1;
    private int sessionDone;

    RunProgressViewModel(String name, int done, int total) {
        this.name = name;
        this.total.set(total);
        setDone(done);
        if (done >= total) {
            phase.set(Phase.DONE);
        }
    }

    public String name() {
        return name;
    }

    public IntegerProperty doneProperty() {
        return done;
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    /** done / total, 0..1 */
    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public LongProperty elapsedMsProperty() {
        return elapsedMs;
    }

    /** Estimated time left in ms, -1 while unknown. */
    public LongProperty etaMsProperty() {
        return etaMs;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    /** The case being answered, or null. */
    public StringProperty currentProperty() {
        return current;
    }

    /** A run that will answer this configuration's remaining cases has started. */
    void queued() {
        if (phase.get() == Phase.WAITING) {
            phase.set(Phase.QUEUED);
        }
    }

    void opening(long now) {
        openedAt = now;
        phase.set(Phase.OPENING);
        tick(now);
    }

    void started(String caseId, long now) {
        if (openedAt < 0) {
            openedAt = now;
        }
        if (firstStartAt < 0) {
            firstStartAt = now;
        }
        phase.set(Phase.RUNNING);
        current.set(caseId);
        tick(now);
    }

    void recorded(long now) {
        sessionDone++;
        setDone(done.get() + 1);
        if (done.get() >= total.get()) {
            finish(now);
        } else {
            tick(now);
        }
    }

    /** The run ended (finished or stopped): the clock stops. */
    void finish(long now) {
        tick(now);
        current.set(null);
        etaMs.set(done.get() >= total.get() ? 0 : -1);
        if (phase.get() != Phase.WAITING) {
            phase.set(done.get() >= total.get() ? Phase.DONE : Phase.WAITING);
        }
        openedAt = -1;
        firstStartAt = -1;
        sessionDone = 0;
    }

    /** Updates the clock while it runs. */
    void tick(long now) {
        if (openedAt < 0) {
            return;
        }
        elapsedMs.set(Math.max(0, now - openedAt));
        if (sessionDone > 0 && firstStartAt >= 0) {
            double perCase = (double) (now - firstStartAt) / sessionDone;
            etaMs.set(Math.round(perCase * Math.max(0, total.get() - done.get())));
        }
    }

    private void setDone(int n) {
        done.set(n);
        fraction.set(total.get() == 0 ? 0 : Math.min(1.0, (double) n / total.get()));
    }
}
