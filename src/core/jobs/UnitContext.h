#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

namespace bfs {

class JobRunState;

// What a unit of work sees of its run: cancellation, pause, progress counters and
// its worker slot's status line. Cheap to call from hot loops.
class UnitContext {
public:
    UnitContext(std::shared_ptr<JobRunState> state, int workerIndex);

    int workerIndex() const { return m_workerIndex; }
    bool isCanceled() const;
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

private:
    std::shared_ptr<JobRunState> m_state;
    int m_workerIndex;
};

} // namespace bfs
