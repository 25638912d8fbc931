#pragma once

#include "jobs/Job.h"
#include "odds/api/OddsApiClient.h"
#include "odds/scrape/OpenDates.h"
#include "odds/scrape/PartitionStore.h"
#include "odds/scrape/RequestExecutor.h"
#include "storage/DbConnection.h"
#include "storage/Workspace.h"

#include <memory>
#include <optional>
#include <vector>

namespace bfs {

struct BackfillRun;

// One backfill worker slot: its own database connection and its own HTTP client, both
// created on the worker's thread (the connection when first needed: of 32 workers starting
// together, the one claiming the first round's dates for all opens one while the others wait).
// Claims one date a turn: the events list, then the kept events' odds — sent by this worker
// and by any other with nothing of its own to do (OpenDates) — and records the date's state
// once all of them are stored. When nothing is left to take while the date's last answers are
// in flight elsewhere, or fewer requests are left than there are workers, it claims its next
// date and records the earlier one once it has settled (a Deferred unit). After its last date
// it helps with the other open dates' requests (flush).
class BackfillWorker final : public JobWorker {
public:
    BackfillWorker(std::shared_ptr<BackfillRun> run, Workspace workspace);
    ~BackfillWorker() override;
    UnitOutcome run(qint64 unit, UnitContext& context) override;
    void flush(UnitContext& context) override;

private:
    enum class Claim { Got, NothingLeft, Stopped };
    Claim claimNext(UnitContext& context, QDate& date);
    struct Tally;
    UnitOutcome end(QDate date, PartitionState state, Tally& tally, UnitContext& context);
    // Closes a settled date on the board and records it.
    UnitOutcome settle(QDate date, Tally& tally, UnitContext& context);
    // Records this worker's deferred dates that have settled meanwhile and reports their units.
    void settleDeferred(UnitContext& context);
    // This worker's partitions on its own connection, opened on first use; null (the job aborted
    // with the reason) when the database cannot be opened.
    PartitionStore* partitions(UnitContext& context);
    // Sends one open date's odds request and reports its end (after the store, for an answer).
    void perform(const OpenDates::Task& task, UnitContext& context);
    // Stores an answer on the run's store threads, then reports `task` with `result`.
    void storeLater(const OpenDates::Task& task, OpenDates::TaskResult result, QByteArray body);

    std::shared_ptr<BackfillRun> m_run;
    const Workspace m_workspace;
    DbConnection m_connection;
    std::optional<PartitionStore> m_partitions;
    struct Deferred;
    std::vector<Deferred> m_deferred; // turns whose date was still settling when this worker moved on
    OddsApiClient m_client;
    RequestExecutor m_executor;
};

} // namespace bfs
