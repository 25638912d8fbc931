#include "BackfillSummary.h"

namespace bfs {

nlohmann::json BackfillSummary::toJson() const
{
    nlohmann::json failureList = nlohmann::json::array();
    for (const Failure& f : failures)
        failureList.push_back(
            { { "date", f.date.toString(Qt::ISODate).toStdString() }, { "error", f.error.toStdString() } });
    nlohmann::json json { { "dates_total", datesTotal }, { "dates_done", datesDone }, { "dates_empty", datesEmpty },
        { "dates_failed", datesFailed }, { "events_fetched", eventsFetched }, { "events_missing", eventsMissing },
        { "requests", requests }, { "retries", retries }, { "credits_used", creditsUsed },
        { "requests_remaining", requestsRemaining ? nlohmann::json(*requestsRemaining) : nlohmann::json() },
        { "seconds", seconds }, { "failures", failureList },
        { "stopped_reason",
            stoppedReason.isEmpty() ? nlohmann::json() : nlohmann::json(stoppedReason.toStdString()) } };
    if (dryRun) {
        json["dry_run"] = true;
        json["plan"] = { { "dates_to_fetch", datesToFetch }, { "estimated_requests", estimatedRequests },
            { "estimated_credits", estimatedCredits } };
    }
    return json;
}

} // namespace bfs
