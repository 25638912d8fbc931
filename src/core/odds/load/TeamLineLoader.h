#pragma once

#include "odds/load/LoadJob.h"
#include "storage/DatabaseUrl.h"
#include "storage/JobRecord.h"

#include <QMutex>

#include <memory>

namespace bfs {

class PgPool;

// Phase 2 in a team database (team.md): parses the raw_snapshots no load has loaded yet into
// betting_lines. One unit = one batch of snapshots, claimed with `FOR UPDATE SKIP LOCKED`, so
// loads on several machines at once never take the same snapshot; each batch goes through
// libpq's COPY into a session-private staging table and one `INSERT … ON CONFLICT DO NOTHING`,
// and its snapshots are marked loaded in the same transaction — a killed load loses whole
// batches, never marks a snapshot whose rows are missing, and the key makes a re-load harmless.
// A snapshot that does not parse is reported and left unloaded (the next load tries it again).
class TeamLineLoader final : public LoadJob {
public:
    static constexpr int BatchSnapshots = 256;

    TeamLineLoader(const Workspace& workspace, LoadOptions options);
    ~TeamLineLoader() override;

    bool prepare(UnitContext& context, QString& error) override;
    qint64 unitCount() const override { return m_units; }
    std::unique_ptr<JobWorker> createWorker(int workerIndex) override;
    bool finish(UnitContext& context, QString& error) override;
    LoadSummary summary() const override;

private:
    class Worker;
    void addBatch(qint64 loaded, qint64 rowsParsed, qint64 rowsInserted, const QList<LoadFailure>& failures);

    DatabaseUrl m_database;
    LoadOptions m_options;
    JobRecord m_record;
    std::shared_ptr<PgPool> m_pool;
    QByteArray m_loadRun; // this load's id: a snapshot it could not parse is not taken again by it
    qint64 m_units = 0;
    mutable QMutex m_mutex;
    LoadSummary m_summary;
};

} // namespace bfs
