#include "RequestExecutor.h"

#include "jobs/UnitContext.h"
#include "odds/scrape/BackfillRun.h"
#include "odds/scrape/EventList.h"

#include <QElapsedTimer>
#include <QThread>

namespace bfs {

RequestExecutor::RequestExecutor(BackfillRun& run, OddsApiClient& client)
    : m_run(run)
    , m_client(client)
{
}

bool RequestExecutor::waitUnlessCancelled(int ms, UnitContext& context) const
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (context.isCanceled())
            return false;
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, ms - clock.elapsed())));
    }
    return !context.isCanceled();
}

FetchResult RequestExecutor::fetch(const QUrl& url, Kind kind, qint64 estimatedCost, UnitContext& context)
{
    FetchResult result;
    const QString shown = OddsApiClient::redactUrl(url);
    for (int attempt = 0;; ++attempt) {
        if (!context.checkpoint()) {
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = QStringLiteral("cancelled");
            return result;
        }
        if (m_run.stopRequested) {
            // Another instance of the team announced a stop (a 401): no request of ours follows it.
            const QString why = m_run.stopReasonText();
            context.abortJob(why);
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = why;
            return result;
        }
        QString reason;
        if (!m_run.quota.reserve(estimatedCost, reason)) {
            m_run.log(BackfillLogLevel::Error, QStringLiteral("stopping: %1").arg(reason));
            m_run.setStopReason(reason);
            context.abortJob(reason);
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = reason;
            return result;
        }
        if (!m_run.limiter.acquire([&context] { return context.isCanceled(); })) {
            m_run.quota.settle(estimatedCost, std::nullopt, std::nullopt, std::nullopt);
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = QStringLiteral("cancelled");
            return result;
        }
        const ApiResponse response = m_client.get(url);
        ++result.requests;
        ++m_run.requests;
        context.addItems(1);
        m_run.quota.settle(estimatedCost, response.last, response.remaining, response.used);
        result.credits += response.last.value_or(0);

        QString retryable;
        if (!response.unreachable)
            m_run.unreachableInARow = 0;
        else if (++m_run.unreachableInARow >= BackfillRun::UnreachableStopAfter) {
            const QString why
                = QStringLiteral("cannot reach the API at %1: %2 (%3 requests in a row could not connect); "
                                 "check the API address and the network, then run again to resume")
                      .arg(OddsApiClient::redactUrl(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery)),
                          response.transportError)
                      .arg(BackfillRun::UnreachableStopAfter);
            m_run.log(BackfillLogLevel::Error, why);
            m_run.setStopReason(why);
            context.abortJob(why);
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = why;
            return result;
        }
        if (response.timedOut || response.status == 0) {
            retryable = response.describe();
        } else if (response.status == 200) {
            const bool valid = kind == Kind::Events ? EventList::isValidEventsBody(response.body)
                                                    : EventList::isValidOddsBody(response.body);
            if (valid) {
                result.outcome = FetchResult::Outcome::Ok;
                result.body = response.body;
                return result;
            }
            retryable = QStringLiteral("malformed response body (%1 bytes)").arg(response.body.size());
        } else if (response.status == 204) {
            result.outcome = FetchResult::Outcome::Empty;
            return result;
        } else if (response.status == 401) {
            const QString why = QStringLiteral("API rejected the request: %1").arg(response.describe());
            m_run.log(BackfillLogLevel::Error, why);
            m_run.setStopReason(why);
            if (m_run.team)
                m_run.team->announceStop(why);
            context.abortJob(why);
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = why;
            return result;
        } else if (response.status == 404) {
            result.outcome = FetchResult::Outcome::NotFound;
            result.error = response.describe();
            return result;
        } else if (response.status == 429 || response.status >= 500) {
            retryable = response.describe();
            if (response.status == 429 && !response.retryAfterSeconds) {
                // The API did not say how long to wait: the whole run slows down, not just this request.
                if (const auto rate = m_run.limiter.slowDown())
                    m_run.log(BackfillLogLevel::Warning,
                        QStringLiteral("429 without Retry-After: every worker now paces at %1 requests/s for at "
                                       "least %2 s")
                            .arg(*rate, 0, 'g', 4)
                            .arg(RateLimiter::SlowDownHoldSeconds));
            }
        } else {
            result.outcome = FetchResult::Outcome::Rejected;
            result.error = response.describe();
            return result;
        }

        if (attempt >= m_run.retry.maxRetries()) {
            result.outcome = FetchResult::Outcome::GaveUp;
            result.error = QStringLiteral("%1 (gave up after %2 retries)").arg(retryable).arg(attempt);
            return result;
        }
        const int delay
            = m_run.retry.delayMs(attempt, response.status == 429 ? response.retryAfterSeconds : std::optional<int>());
        ++m_run.retries;
        m_run.log(BackfillLogLevel::Info,
            QStringLiteral("retry %1 in %2 ms: %3 (%4)").arg(attempt + 1).arg(delay).arg(retryable, shown));
        if (!waitUnlessCancelled(delay, context)) {
            result.outcome = FetchResult::Outcome::Stopped;
            result.error = QStringLiteral("cancelled");
            return result;
        }
    }
}

} // namespace bfs
