#pragma once

#include "odds/api/OddsApiClient.h"

#include <QString>
#include <QUrl>

namespace bfs {

struct BackfillRun;
class UnitContext;

// How one logical request (with its retries) ended.
struct FetchResult {
    enum class Outcome {
        Ok, // 200 with the expected JSON shape: `body` is the bytes to store
        Empty, // 204: nothing to store
        NotFound, // 404: the event is missing
        Rejected, // 422 or another client error: fail the date with `error`
        GaveUp, // retries exhausted on 5xx / 429 / timeouts / malformed bodies
        Stopped, // cancelled, or the run was stopped (401, budget, reserve): `error` says why
    };
    Outcome outcome = Outcome::Stopped;
    QByteArray body;
    QString error;
    qint64 requests = 0; // HTTP requests sent, retries included
    qint64 credits = 0; // from x-requests-last
};

// Sends one logical request through the run's shared controls: the budget and reserve
// check before each try, the global rate limit, the client, and the retry policy.
// A 401 stops the whole run at once (UnitContext::abortJob) with the API's code and
// message, before any further request.
class RequestExecutor {
public:
    enum class Kind { Events, Odds };

    RequestExecutor(BackfillRun& run, OddsApiClient& client);

    FetchResult fetch(const QUrl& url, Kind kind, qint64 estimatedCost, UnitContext& context);

private:
    bool waitUnlessCancelled(int ms, UnitContext& context) const;

    BackfillRun& m_run;
    OddsApiClient& m_client;
};

} // namespace bfs
