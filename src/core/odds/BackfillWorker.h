#pragma once

#include "OddsApiClient.h"
#include "PartitionStore.h"
#include "RequestExecutor.h"
#include "jobs/Job.h"
#include "storage/DbConnection.h"

#include <memory>

namespace bfs {

struct BackfillRun;

// One backfill worker slot: its own database connection and its own HTTP client, both
// created on the worker's thread. Runs one date at a time: the events list, then each
// kept event's odds, storing every answer and the date's state as it goes.
class BackfillWorker final : public JobWorker {
public:
    BackfillWorker(std::shared_ptr<BackfillRun> run, DbConnection connection);
    UnitOutcome run(qint64 unit, UnitContext& context) override;

private:
    enum class Claim { Got, NothingLeft, Stopped };
    Claim claimNext(UnitContext& context, QDate& date);
    struct Tally;
    UnitOutcome end(QDate date, PartitionState state, Tally& tally, UnitContext& context);

    std::shared_ptr<BackfillRun> m_run;
    DbConnection m_connection;
    PartitionStore m_partitions;
    OddsApiClient m_client;
    RequestExecutor m_executor;
};

} // namespace bfs
