#pragma once

#include "jobs/Job.h"
#include "jobs/UnitContext.h"
#include "odds/load/LineStage.h"
#include "odds/load/LoadJob.h"
#include "odds/load/OddsPrices.h"
#include "odds/load/RawOddsFile.h"
#include "storage/JobRecord.h"

#include <QList>
#include <QLockFile>
#include <QMutex>
#include <QString>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace bfs {

class Workspace;
class StagedBatchQueue;

// Phase 2 (odds-api.md): loads every raw event-odds file of a workspace not loaded yet
// into betting_lines, as a Job on the JobEngine so the GUI and the CLI get progress,
// pause and cancel. One unit = one file. Workers read and parse files in parallel and
// encode their rows into a private in-memory stage (LineStage); full stages go through a
// bounded queue to ONE writer thread (LineWriter) that copies them into the workspace in
// large transactions — or, for a load that is large against the table (a season into a
// new workspace), batch by batch without the key index, which is built once at the end
// (LineWriter's bulk mode). While the
// queue is empty the writer parses too, taking files from the same queue of units as the
// workers, so a load keeps workers + 1 threads busy. A file is marked loaded in the transaction that
// stores its rows; a malformed file is reported and left unmarked.
// Changed files (size or mtime differ from loaded_files) are loaded again; the unique
// key keeps rows they share with the earlier version from being duplicated.
class LineLoader final : public LoadJob {
public:
    explicit LineLoader(const Workspace& workspace, LoadOptions options = {});
    ~LineLoader() override;

    bool prepare(UnitContext& context, QString& error) override;
    qint64 unitCount() const override { return qint64(m_files.size()); }
    std::unique_ptr<JobWorker> createWorker(int workerIndex) override;
    bool finish(UnitContext& context, QString& error) override;

    // Valid after the run (finish()).
    LoadSummary summary() const override;

private:
    class Worker;
    // Reads, parses and stages file `index`. A malformed file is recorded as a failure; a
    // stage SQLite cannot grow aborts the run (Interrupted).
    UnitOutcome stageFile(qint64 index, LineStage& stage, UnitContext& context);
    // Hands a stage's rows to the writer; false when the run stops first.
    bool pushStage(LineStage& stage, UnitContext& context);
    // The writer's share of the parsing: the next file of the run. False when none is left.
    bool helpParse(LineStage& stage, UnitContext& context);
    void writerLoop(UnitContext context);
    void addFailure(const QString& path, const QString& reason);
    void stopWriter();

    QString m_workspaceDir;
    JobRecord m_record; // the run in the workspace's history, begun in prepare(), ended in finish()
    QString m_rawDir; // the workspace folder's raw/: loaded_files paths are "raw/…"
    std::unique_ptr<QLockFile> m_lock; // one load per workspace at a time
    QString m_databasePath;
    LoadOptions m_options;
    std::string m_tableSql; // betting_lines' CREATE statement, for the stages
    std::vector<RawOddsFile> m_files;
    std::unique_ptr<StagedBatchQueue> m_queue;
    std::thread m_writer;

    mutable QMutex m_mutex;
    LoadSummary m_summary;
    bool m_bulkWanted = false;
    qint64 m_reloads = 0; // files loaded before that changed since
    QString m_writerError;
};

} // namespace bfs
