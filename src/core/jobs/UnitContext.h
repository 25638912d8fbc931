#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

namespace bfs {

class JobRunState;

enum class UnitOutcome {
    Done, // the unit's work is complete and stored
    Failed, // the unit failed; the job goes on with the others
    Interrupted, // cancelled part-way; nothing half-written, the unit stays pending
    // Still settling when the worker moved on to its next unit (the backfill's date whose last
    // requests are in flight on other workers): the worker reports it with finishUnit() itself,
    // at the latest before its flush() returns.
    Deferred,
};

// What a unit of work sees of its run: cancellation, pause, progress counters and
// its worker slot's status line. Cheap to call from hot loops.
class UnitContext {
public:
    UnitContext(std::shared_ptr<JobRunState> state, int workerIndex);

    int workerIndex() const { return m_workerIndex; }
    int workers() const; // the run's worker count
    bool isAborted() const; // a fatal stop (abortJob), not the user's cancel
    bool isCanceled() const;
    bool isPaused() const;
    // Blocks while the run is paused. Returns false when the run was cancelled or
    // aborted: stop before starting the next piece of work (request, batch).
    bool checkpoint();
    // Secondary progress: runners written, requests sent, rows loaded.
    void addItems(qint64 count);
    // Shown in the per-worker table ("2024-05-03: 7/15 events").
    void setStatus(const QString& status);
    // Fatal stop of the whole run (rejected API key, budget exhausted): no unit
    // starts after this; in-flight units see isCanceled().
    void abortJob(const QString& reason);

    // The shared queue of units, as the workers use it; also for a job's own helper thread
    // (the loader's writer parses while it has nothing to write). takeUnit() returns the
    // next unit, or -1 when none is left; every taken unit is reported with finishUnit().
    qint64 takeUnit();
    void finishUnit(qint64 unit, UnitOutcome outcome);

private:
    std::shared_ptr<JobRunState> m_state;
    int m_workerIndex;
};

} // namespace bfs
