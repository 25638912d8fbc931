#pragma once

#include "jobs/Job.h"
#include "odds/scrape/BackfillRun.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/BackfillSummary.h"
#include "storage/JobRecord.h"
#include "storage/Workspace.h"

#include <QLockFile>
#include <QMutex>

#include <memory>

namespace bfs {

// Odds backfill phase 1 on the JobEngine: one unit per date of the plan; each worker claims its
// next date from the partition table (PartitionStore::claim) under this run's owner and a lease.
// prepare() records the partitions, scans the stored snapshots once and plans; finish() records
// the run (config without the key, summary) in the `runs` table. In a SQLite workspace a lock
// file keeps a second backfill (another window, a CLI) from running alongside — a killed run's
// lock is recognised as stale by its dead process id, and the dates it left "running" go back
// to pending. In team mode any number of instances run at once: claims skip each other's dates,
// a TeamLink renews the leases and shares the rate, the quota and a stop.
class BackfillJob final : public Job {
public:
    BackfillJob(BackfillSettings settings, Workspace workspace);
    ~BackfillJob() override;

    // Called from worker threads; must be thread-safe. Set before the run starts.
    void setLogSink(BackfillLogSink sink);

    bool prepare(UnitContext& context, QString& error) override;
    qint64 unitCount() const override;
    std::unique_ptr<JobWorker> createWorker(int workerIndex) override;
    bool finish(UnitContext& context, QString& error) override;

    // Who this run claims dates as ("host pid N run ID"), once prepared; safe from any thread.
    QString owner() const;
    // The latest x-requests-remaining of the running job; safe from any thread.
    std::optional<qint64> liveRequestsRemaining() const;

    // Valid once the engine reported the job finished.
    BackfillSummary summary() const;
    const BackfillSettings& settings() const { return m_settings; }

    // The dry run: the plan and its estimate, nothing requested.
    static std::optional<BackfillSummary> dryRun(
        const BackfillSettings& settings, const Workspace& workspace, QString& error);
    // The workspace's raw snapshots: its raw/ folder, or the team database's table.
    static std::unique_ptr<SnapshotStore> snapshotsOf(
        const Workspace& workspace, const QString& sport, std::shared_ptr<PgPool> pool = {});
    // Counts for the summary from the partition table and the raw files.
    static void fillFromPartitions(const BackfillSettings& settings, const DbConnection& connection,
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
