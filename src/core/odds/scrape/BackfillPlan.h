#pragma once

#include "odds/scrape/BackfillSettings.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace bfs {

class PartitionStore;
class SnapshotStore;

// Which dates a run will fetch and what it should cost, before anything is requested:
// the dry run prints it, the job runs it. Done and empty dates are skipped; with
// retry-failed only failed dates run; explicitly chosen dates run whatever their state.
struct BackfillPlan {
    static constexpr int AssumedEventsPerDate = 15; // an MLB day, when the list is not on disk yet

    QList<QDate> dates; // to run, in run order
    int datesTotal = 0; // dates in the range
    int datesSkipped = 0; // already final (done/empty), or not failed under retry-failed
    qint64 estimatedRequests = 0;
    qint64 estimatedCredits = 0;

    static std::optional<BackfillPlan> make(const BackfillSettings& settings, const PartitionStore& partitions,
        const SnapshotStore& snapshots, QString& error);
};

} // namespace bfs
