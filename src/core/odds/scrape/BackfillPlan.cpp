#include "BackfillPlan.h"

#include "odds/scrape/EventList.h"
#include "odds/scrape/PartitionStore.h"
#include "odds/scrape/SnapshotStore.h"

namespace bfs {

std::optional<BackfillPlan> BackfillPlan::make(
    const BackfillSettings& settings, const PartitionStore& partitions, const SnapshotStore& snapshots, QString& error)
{
    Q_UNUSED(error);
    BackfillPlan plan;
    const QList<QDate> range = settings.rangeDates();
    plan.datesTotal = int(range.size());
    const auto states = partitions.states(settings.sport, settings.start, settings.end);
    for (const QDate& d : range) {
        const PartitionState state = states.value(d, PartitionState::Pending);
        bool run = false;
        if (!settings.dates.isEmpty())
            run = settings.dates.contains(d);
        else if (settings.retryFailedOnly)
            run = state == PartitionState::Failed;
        else
            run = state != PartitionState::Done && state != PartitionState::Empty;
        if (!run) {
            ++plan.datesSkipped;
            continue;
        }
        plan.dates.append(d);
        qint64 events = AssumedEventsPerDate;
        bool listed = false; // a stored list the run will use; one that does not parse is fetched again
        if (snapshots.has(d, SnapshotStore::EventsList)) {
            if (const auto body = snapshots.read(d, SnapshotStore::EventsList)) {
                QString parseError;
                const QList<EventRef> kept = EventList::keptEvents(*body, d, parseError);
                if (parseError.isEmpty()) {
                    listed = true;
                    events = 0;
                    for (const EventRef& e : kept) {
                        if (!snapshots.has(d, e.id))
                            ++events;
                    }
                }
            }
        }
        if (!listed) {
            plan.estimatedRequests += 1;
            plan.estimatedCredits += 1;
        }
        plan.estimatedRequests += events;
        plan.estimatedCredits += events * settings.creditsPerOddsRequest();
    }
    return plan;
}

} // namespace bfs
