#pragma once

#include "odds/api/QuotaGuard.h"
#include "odds/api/RateLimiter.h"
#include "odds/api/RetryPolicy.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/OpenDates.h"
#include "odds/scrape/SnapshotStore.h"
#include "odds/scrape/TeamLink.h"

#include <QDate>
#include <QList>
#include <QMutex>
#include <QSemaphore>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace bfs {

// Log levels of the backfill's log view (GUI) and stderr lines (CLI).
enum class BackfillLogLevel { Info, Warning, Error };
using BackfillLogSink = std::function<void(BackfillLogLevel, const QString&)>;

// State shared by every worker of one backfill run: the plan, the shared pace and
// spending controls, the raw-snapshot picture, the open dates' requests and the run's counters.
// In team mode `team` links them to the other instances (leases, one rate, the quota, a stop).
struct BackfillRun {
    BackfillRun(const BackfillSettings& s, int workers, std::unique_ptr<SnapshotStore> store, QString runOwner,
        std::shared_ptr<TeamLink> link = {})
        : settings(s)
        , snapshotStore(std::move(store))
        , snapshots(*snapshotStore)
        , limiter(s.rate, s.delayMs)
        , quota(s.budget, s.reserve)
        , retry(s.maxRetries, s.retryBaseMs, s.retryCapMs)
        , owner(std::move(runOwner))
        , team(std::move(link))
        , storeSlots(StoresPerWorker * workers)
    {
        stores.setMaxThreadCount(workers);
        limiter.onPaceRestored([this](double rate) {
            log(BackfillLogLevel::Info,
                QStringLiteral("no 429 for %1 s: every worker now paces at %2 requests/s")
                    .arg(RateLimiter::SlowDownHoldSeconds)
                    .arg(rate, 0, 'g', 4));
        });
    }

    const BackfillSettings settings;
    const std::unique_ptr<SnapshotStore> snapshotStore;
    SnapshotStore& snapshots;
    RateLimiter limiter;
    QuotaGuard quota;
    RetryPolicy retry;
    const QString owner; // "host pid run": who holds the dates this run claims
    const std::shared_ptr<TeamLink> team; // null for a SQLite workspace
    QList<QDate> dates; // the plan, in run order: workers claim these one at a time

    // A SQLite workspace has one writer at a time: the workers' claims and partition updates queue
    // here, woken the moment the previous one commits, instead of in SQLite's busy handler, which
    // sleeps 1, 2, 5, 10… ms between tries (32 workers starting together spread their first
    // requests over 70 ms). A team database locks rows itself (SKIP LOCKED) and is not serialised.
    QMutex partitionWrites;
    QMutex* partitionWriteLock() { return team ? nullptr : &partitionWrites; }
    // Queued there, the first round's claims still took 0.4 ms each, one after another (its events
    // requests spread over 22 ms): prepare claims the first round for every worker, and later the
    // worker whose turn it is claims for itself and every worker waiting behind it in one
    // statement (`claimsWaiting`). Workers take those dates from `claimedAhead` without queueing
    // on partitionWrites; a cancelled run's leftovers are released in finish (SQLite only).
    std::atomic<int> claimsWaiting = 0;
    std::optional<QDate> takeClaimedAhead()
    {
        QMutexLocker lock(&claimedAheadMutex);
        if (claimedAhead.isEmpty())
            return std::nullopt;
        return claimedAhead.takeFirst();
    }
    void addClaimedAhead(const QList<QDate>& claimed)
    {
        QMutexLocker lock(&claimedAheadMutex);
        claimedAhead += claimed;
    }
    QList<QDate> takeAllClaimedAhead()
    {
        QMutexLocker lock(&claimedAheadMutex);
        return std::exchange(claimedAhead, {});
    }
    QMutex claimedAheadMutex;
    QList<QDate> claimedAhead; // in run order
    OpenDates openDates; // claimed dates whose odds requests any worker may send

    // Answers are stored (written, fsynced, renamed) on these threads while the worker that fetched
    // one sends its next request: an fsync (~5 ms here, far more on a busy disk) is then never a gap
    // with nothing in flight. A date counts an answer, and can be recorded done, only once it is
    // stored. At most StoresPerWorker × workers answers wait for their store (a slow disk holds the
    // workers back instead of filling memory).
    static constexpr int StoresPerWorker = 4;
    QThreadPool stores;
    QSemaphore storeSlots;

    std::atomic<qint64> requests { 0 };
    std::atomic<qint64> retries { 0 };
    std::atomic<qint64> eventsMissing { 0 }; // this run's 404s

    // Requests in a row, across workers, that got no HTTP answer at all (connection refused, host
    // not found; not timeouts): at UnreachableStopAfter the server is taken as unreachable and the
    // run stops with one message, instead of every date retrying and failing on its own.
    static constexpr int UnreachableStopAfter = 6;
    std::atomic<int> unreachableInARow { 0 };

    // Set when another instance announced a stop (team mode): no further request is sent.
    std::atomic<bool> stopRequested { false };

    // Why the run stopped before its end (401, budget, reserve); the first reason wins.
    void setStopReason(const QString& reason)
    {
        QMutexLocker lock(&stopMutex);
        if (stopReason.isEmpty())
            stopReason = reason;
    }
    QString stopReasonText() const
    {
        QMutexLocker lock(&stopMutex);
        return stopReason;
    }
    mutable QMutex stopMutex;
    QString stopReason;

    BackfillLogSink logSink;
    void log(BackfillLogLevel level, const QString& message) const
    {
        if (logSink)
            logSink(level, message);
    }
};

} // namespace bfs
