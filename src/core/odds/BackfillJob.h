#pragma once

#include "BackfillRun.h"
#include "BackfillSettings.h"
#include "BackfillSummary.h"
#include "jobs/Job.h"
#include "storage/JobRecord.h"
#include "storage/Workspace.h"

#include <QLockFile>
#include <QMutex>

#include <memory>

namespace bfs {

// Odds backfill phase 1 on the JobEngine: one unit per date of the plan, handed to
// workers from the engine's one queue. prepare() records the partitions, returns dates
// a killed run left "running" to pending, scans raw/ once and plans; finish() records
// the run (config without the key, summary) in the `runs` table. A lock file in the
// workspace keeps a second backfill (another window, a CLI) from running alongside;
// a killed run's lock is recognised as stale by its dead process id.
class BackfillJob final : public Job {
public:
    BackfillJob(BackfillSettings settings, Workspace workspace);

    // Called from worker threads; must be thread-safe. Set before the run starts.
    void setLogSink(BackfillLogSink sink);

    bool prepare(UnitContext& context, QString& error) override;
    qint64 unitCount() const override;
    std::unique_ptr<JobWorker> createWorker(int workerIndex) override;
    bool finish(UnitContext& context, QString& error) override;

    // The latest x-requests-remaining of the running job; safe from any thread.
    std::optional<qint64> liveRequestsRemaining() const;

    // Valid once the engine reported the job finished.
    BackfillSummary summary() const;
    const BackfillSettings& settings() const { return m_settings; }

    // The dry run: the plan and its estimate, nothing requested.
    static std::optional<BackfillSummary> dryRun(const BackfillSettings& settings, const Workspace& workspace,
        QString& error);
    // Counts for the summary from the partition table and the raw files.
    static void fillFromPartitions(const BackfillSettings& settings, const Workspace& workspace,
        const SnapshotStore* snapshots, BackfillSummary& summary);

private:
    BackfillSettings m_settings;
    Workspace m_workspace;
    std::shared_ptr<BackfillRun> m_run;
    BackfillLogSink m_sink;
    std::unique_ptr<QLockFile> m_lock; // one backfill per workspace at a time
    JobRecord m_record; // the run in the workspace's history
    mutable QMutex m_mutex;
    BackfillSummary m_summary;
};

} // namespace bfs
