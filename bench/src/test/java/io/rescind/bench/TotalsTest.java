package io.rescind.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The totals check of each kind of target: what the answers said against what the database moved. */
class TotalsTest {

    private static final long LINE = Fixture.UNITS;

    @Test
    void aUnitTargetAgreesWhenEveryAnswerMovedOneUnit() {
        var moved = new Fixture.Totals(100, 100, 3, 103, 103, 0, 0, 0, 0, 0);

        assertThat(moved.disagreement(counts(100, 3, 0, 0), 1, false)).isNull();
        assertThat(moved.disagreement(counts(101, 3, 0, 0), 1, false))
                .contains("101 cancels and 3 refusals answered, but 100 applied and 3 refused");
    }

    @Test
    void aWholeLineTargetMovesAWholeLinePerCancel() {
        var moved = new Fixture.Totals(40 * LINE, 40, 5, 45, 45, 0, 0, 0, 0, 0);

        assertThat(moved.disagreement(counts(40, 5, 0, 0), LINE, false)).isNull();
        var partly = new Fixture.Totals(40 * LINE - 1, 40, 5, 45, 45, 0, 0, 0, 0, 0);
        assertThat(partly.disagreement(counts(40, 5, 0, 0), LINE, false)).contains("units cancelled");
    }

    @Test
    void aRequestingTargetLeavesItsLinesPending() {
        var moved = new Fixture.Totals(0, 0, 2, 12, 12, 10 * LINE, 10, 0, 0, 0);

        assertThat(moved.disagreement(counts(10, 2, 0, 0), LINE, true)).isNull();
        assertThat(moved.disagreement(counts(10, 2, 0, 0), LINE, false)).isNotNull();
    }

    @Test
    void answersThatDoNotTellMustAddUpWithTheDatabaseAndTheDrainedQueue() {
        // Tradecloud: 30 "ok" answers and 2 queued messages; 29 cancels and 3 refusals, one of
        // them a queued message whose action failed on the refusal (its refused row stays).
        var moved = new Fixture.Totals(29 * LINE, 29, 3, 32, 32, 0, 0, 2, 0, 1);
        assertThat(moved.disagreement(counts(0, 0, 30, 2), LINE, false)).isNull();

        var stillOpen = new Fixture.Totals(28 * LINE, 28, 3, 31, 31, 0, 0, 2, 1, 0);
        assertThat(stillOpen.disagreement(counts(0, 0, 30, 2), LINE, false))
                .contains("32 answers, but 28 applied")
                .contains("1 still open");
    }

    @Test
    void aLostOutboxEventIsADisagreement() {
        var moved = new Fixture.Totals(10, 10, 0, 10, 9, 0, 0, 0, 0, 0);

        assertThat(moved.disagreement(counts(10, 0, 0, 0), 1, false)).contains("9 outbox events");
    }

    private static LoadGenerator.Counts counts(long cancelled, long nothingLeft, long decided, long queued) {
        return new LoadGenerator.Counts(cancelled, nothingLeft, decided, queued, 0);
    }
}
