#include "BackfillWorker.h"

#include "jobs/UnitContext.h"
#include "odds/load/OddsSnapshotParser.h"
#include "odds/scrape/BackfillRun.h"
#include "odds/scrape/EventList.h"
#include "odds/scrape/SnapshotRule.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <utility>

namespace bfs {

namespace {
// A turn that may open a date, as OpenDates' helpers see it: from before the claim until the date
// is open or has ended without a request to share.
class Opening {
public:
    explicit Opening(OpenDates& dates)
        : m_dates(dates)
    {
        m_dates.startOpening();
    }
    ~Opening() { done(); }
    Opening(const Opening&) = delete;
    Opening& operator=(const Opening&) = delete;
    void done(bool exhausted = false)
    {
        if (std::exchange(m_open, false))
            m_dates.stopOpening(exhausted);
    }

private:
    OpenDates& m_dates;
    bool m_open = true;
};
} // namespace

struct BackfillWorker::Tally {
    PartitionAttempt attempt;
    QElapsedTimer clock;
    void add(const FetchResult& r)
    {
        attempt.requests += r.requests;
        attempt.credits += r.credits;
    }
};

struct BackfillWorker::Deferred {
    qint64 unit;
    QDate date;
    Tally tally;
};

BackfillWorker::~BackfillWorker() = default;

BackfillWorker::BackfillWorker(std::shared_ptr<BackfillRun> run, Workspace workspace)
    : m_run(std::move(run))
    , m_workspace(std::move(workspace))
    , m_client(m_run->settings.apiBase, m_run->settings.apiKey, m_run->settings.timeoutSeconds * 1000)
    , m_executor(*m_run, m_client)
{
}

PartitionStore* BackfillWorker::partitions(UnitContext& context)
{
    if (!m_partitions) {
        QString error;
        m_connection = m_workspace.connect(error);
        if (!m_connection.isOpen()) {
            context.abortJob(error);
            return nullptr;
        }
        m_partitions.emplace(m_connection.db());
    }
    return &*m_partitions;
}

UnitOutcome BackfillWorker::end(QDate date, PartitionState state, Tally& tally, UnitContext& context)
{
    tally.attempt.seconds = tally.clock.nsecsElapsed() / 1e9;
    QString error;
    if ((state == PartitionState::Done || state == PartitionState::Empty) && !m_run->snapshots.sync(date, error)) {
        state = PartitionState::Failed;
        tally.attempt.error = error;
        error.clear();
    }
    PartitionStore* store = partitions(context);
    if (!store)
        return UnitOutcome::Interrupted;
    bool held = false;
    bool recorded = false;
    {
        QMutexLocker serial(m_run->partitionWriteLock());
        recorded = store->finish(m_run->settings.sport, date, state, tally.attempt, m_run->owner, held, error);
    }
    if (!recorded) {
        m_run->log(BackfillLogLevel::Error,
            QStringLiteral("%1: cannot record state: %2").arg(date.toString(Qt::ISODate), error));
        context.abortJob(QStringLiteral("workspace database unusable: %1").arg(error));
        return UnitOutcome::Interrupted;
    }
    const QString day = date.toString(Qt::ISODate);
    if (!held) {
        // Our lease ran out and another instance claimed the date: its result is the one kept.
        m_run->log(BackfillLogLevel::Warning,
            QStringLiteral(
                "%1: another instance took this date over (the lease expired); this attempt's result is discarded")
                .arg(day));
        context.setStatus(QStringLiteral("%1: taken over").arg(day));
        return UnitOutcome::Done;
    }
    switch (state) {
    case PartitionState::Done:
    case PartitionState::Empty:
        context.setStatus(
            QStringLiteral("%1: %2 (%3 events)").arg(day, partitionStateName(state)).arg(tally.attempt.eventsFetched));
        return UnitOutcome::Done;
    case PartitionState::Failed:
        m_run->log(BackfillLogLevel::Warning, QStringLiteral("%1 failed: %2").arg(day, tally.attempt.error));
        context.setStatus(QStringLiteral("%1: failed").arg(day));
        return UnitOutcome::Failed;
    default:
        context.setStatus(QStringLiteral("%1: stopped").arg(day));
        return UnitOutcome::Interrupted;
    }
}

BackfillWorker::Claim BackfillWorker::claimNext(UnitContext& context, QDate& date)
{
    const BackfillSettings& s = m_run->settings;
    const qint64 leaseMs = qint64(s.leaseSeconds) * 1000;
    for (;;) {
        if (!context.checkpoint())
            return Claim::Stopped;
        QString error;
        std::optional<QDate> claimed;
        PartitionStore* store = nullptr;
        if (m_run->team) {
            store = partitions(context);
            if (store)
                claimed = store->claim(s, m_run->owner, leaseMs, error);
        } else if (!(claimed = m_run->takeClaimedAhead())) {
            // In line on the run's mutex: the first claims for every worker behind it.
            ++m_run->claimsWaiting;
            QMutexLocker serial(m_run->partitionWriteLock());
            claimed = m_run->takeClaimedAhead();
            if (!claimed && (store = partitions(context))) {
                QList<QDate> batch = store->claim(s, m_run->owner, leaseMs, m_run->claimsWaiting, error);
                if (!batch.isEmpty()) {
                    claimed = batch.takeFirst();
                    m_run->addClaimedAhead(batch);
                }
            }
            --m_run->claimsWaiting;
        }
        if (claimed) {
            date = *claimed;
            // Another instance may have stored answers for it since the plan (or before a crash).
            if (!m_run->snapshots.scan({ date }, false, error)) {
                context.abortJob(QStringLiteral("cannot list the stored snapshots: %1").arg(error));
                return Claim::Stopped;
            }
            return Claim::Got;
        }
        if (!store)
            return Claim::Stopped; // the connection did not open: the job is aborting
        std::optional<qint64> wait;
        if (error.isEmpty())
            wait = store->nextLeaseExpiry(s, m_run->owner, error);
        if (!error.isEmpty()) {
            context.abortJob(QStringLiteral("workspace database unusable: %1").arg(error));
            return Claim::Stopped;
        }
        if (!wait)
            return Claim::NothingLeft;
        // Dates of the plan another instance holds: wait, since a lease that expires comes back.
        context.setStatus(QStringLiteral("waiting for dates other instances are working on"));
        QElapsedTimer waited;
        waited.start();
        const qint64 ms = std::clamp<qint64>(*wait + 50, 50, 1000);
        while (waited.elapsed() < ms && !context.isCanceled()) {
            settleDeferred(context);
            if (const auto task = m_run->openDates.take())
                perform(*task, context); // meanwhile, help with this instance's open dates
            else
                QThread::msleep(50);
        }
    }
}

UnitOutcome BackfillWorker::run(qint64 unit, UnitContext& context)
{
    // The unit is a turn: which date it works on is claimed. A turn whose date is still settling
    // when this worker moves on is Deferred and reported once recorded (settleDeferred).
    const BackfillSettings& s = m_run->settings;
    OpenDates& open = m_run->openDates;
    Opening opening(open);
    QDate date;
    switch (claimNext(context, date)) {
    case Claim::Got:
        break;
    case Claim::NothingLeft:
        opening.done(true);
        context.setStatus(QStringLiteral("no date left to claim"));
        return UnitOutcome::Done;
    case Claim::Stopped:
        return UnitOutcome::Interrupted;
    }
    const QString day = date.toString(Qt::ISODate);
    Tally tally;
    tally.clock.start();
    QString error;
    context.setStatus(QStringLiteral("%1: events").arg(day));

    // 1. The events list: from disk when an earlier run stored it, else one request.
    QByteArray events;
    QList<EventRef> kept;
    bool fetchedNow = false; // stored below: before the date ends here, else while its odds requests run
    if (m_run->snapshots.has(date, SnapshotStore::EventsList)) {
        events = m_run->snapshots.read(date, SnapshotStore::EventsList).value_or(QByteArray());
        kept = EventList::keptEvents(events, date, error);
        if (!error.isEmpty()) {
            // A stored list that does not parse is not a fetched list: fetch it once more.
            m_run->log(BackfillLogLevel::Warning,
                QStringLiteral("%1: the stored events list does not parse (%2); fetching it again").arg(day, error));
            m_run->snapshots.forget(date, SnapshotStore::EventsList);
            events.clear();
            error.clear();
        }
    }
    if (!m_run->snapshots.has(date, SnapshotStore::EventsList)) {
        const FetchResult r = m_executor.fetch(
            m_client.eventsUrl(s.sport, odds::eventsSnapshot(date, s)), RequestExecutor::Kind::Events, 1, context);
        tally.add(r);
        switch (r.outcome) {
        case FetchResult::Outcome::Ok:
            events = r.body;
            fetchedNow = true;
            kept = EventList::keptEvents(events, date, error);
            break;
        case FetchResult::Outcome::Empty:
            return end(date, PartitionState::Empty, tally, context);
        case FetchResult::Outcome::Stopped:
            return end(date, PartitionState::Pending, tally, context);
        default:
            tally.attempt.error = QStringLiteral("events list: %1").arg(r.error);
            return end(date, PartitionState::Failed, tally, context);
        }
    }
    const auto endNow = [&](PartitionState state) {
        QString storeError;
        if (fetchedNow && !m_run->snapshots.write(date, SnapshotStore::EventsList, events, storeError)) {
            state = PartitionState::Failed;
            tally.attempt.error = storeError;
        }
        return end(date, state, tally, context);
    };
    if (!error.isEmpty()) {
        tally.attempt.error = QStringLiteral("events list: %1").arg(error);
        return endNow(PartitionState::Failed);
    }
    tally.attempt.eventsTotal = int(kept.size());
    if (kept.isEmpty())
        return endNow(PartitionState::Empty);
    if (s.eventsOnly) {
        // Planning only: the list is stored, the date stays pending for the real run.
        for (const EventRef& event : kept)
            tally.attempt.eventsFetched += m_run->snapshots.has(date, event.id) ? 1 : 0;
        if (endNow(PartitionState::Pending) == UnitOutcome::Failed)
            return UnitOutcome::Failed;
        context.setStatus(QStringLiteral("%1: %2 events listed").arg(day).arg(kept.size()));
        return UnitOutcome::Done;
    }

    // 2. Each kept event's odds at its snapshot time; existing files are not fetched again. What is
    // left to fetch is opened to every worker; this one sends its own date's requests first and helps
    // with other open dates while the last of its own are in flight elsewhere.
    QList<EventRef> toFetch;
    for (const EventRef& event : kept) {
        const QString fileName = SnapshotStore::eventFileName(event.id);
        if (!SnapshotStore::isSafeEventId(event.id))
            m_run->log(BackfillLogLevel::Warning,
                QStringLiteral("%1: event id '%2' is not a safe file name; stored as %3").arg(day, event.id, fileName));
        if (!OddsApiClient::isRequestableId(event.id)) {
            // "." or ".." stays a path step even percent-encoded: the request would reach another endpoint.
            m_run->log(BackfillLogLevel::Warning,
                QStringLiteral(
                    "%1: event id '%2' cannot be requested (it would change the URL's path); counted as missing")
                    .arg(day, event.id));
            ++tally.attempt.eventsMissing;
            ++m_run->eventsMissing;
            continue;
        }
        if (m_run->snapshots.has(date, event.id)) {
            // Stored odds count only if phase 2 can read them; anything else is fetched once more.
            const QByteArray stored = m_run->snapshots.read(date, event.id).value_or(QByteArray());
            OddsSnapshot snapshot;
            if (OddsSnapshotParser(OddsFormat::Auto, s.sport.toStdString()).parse(stored, snapshot, error)) {
                ++tally.attempt.eventsFetched;
                continue;
            }
            m_run->log(BackfillLogLevel::Warning,
                QStringLiteral("%1: the stored odds of event %2 do not parse (%3); fetching them again")
                    .arg(day, event.id, error));
            m_run->snapshots.forget(date, event.id);
            error.clear();
        }
        toFetch.append(event);
    }
    if (toFetch.isEmpty())
        return endNow(PartitionState::Done);

    // The list is stored on the store threads too: 16 workers getting their lists at once would
    // otherwise each wait for the disk in turn with nothing in flight.
    const int count = int(toFetch.size());
    open.open(date, std::move(toFetch), tally.attempt, fetchedNow ? 1 : 0);
    opening.done();
    if (fetchedNow)
        storeLater({ date, { SnapshotStore::EventsList, {} }, 0, count }, {}, std::move(events));
    // Its own requests first, then any other open date's. This worker goes on to claim its next date
    // — and records this one once it has settled (settleDeferred) — when nothing is left to take
    // (the date's last answers are in flight on other workers), and as soon as fewer requests are
    // left to take than there are workers: the next events list is then back before they run dry.
    for (;;) {
        settleDeferred(context);
        const bool low = open.runningLow(context.workers());
        const std::optional<OpenDates::Task> task = low ? std::nullopt : open.take(date);
        if (task) {
            perform(*task, context);
            continue;
        }
        if (open.isSettled(date))
            return settle(date, tally, context);
        m_deferred.push_back({ unit, date, std::move(tally) });
        return UnitOutcome::Deferred;
    }
}

UnitOutcome BackfillWorker::settle(QDate date, Tally& tally, UnitContext& context)
{
    PartitionState state = PartitionState::Pending;
    tally.attempt = m_run->openDates.close(date, state);
    return end(date, state, tally, context);
}

void BackfillWorker::settleDeferred(UnitContext& context)
{
    for (auto it = m_deferred.begin(); it != m_deferred.end();) {
        if (!m_run->openDates.isSettled(it->date)) {
            ++it;
            continue;
        }
        Deferred deferred = std::move(*it);
        it = m_deferred.erase(it);
        context.finishUnit(deferred.unit, settle(deferred.date, deferred.tally, context));
    }
}

void BackfillWorker::flush(UnitContext& context)
{
    // No date left for this worker to claim: help with the open dates' requests until no worker can
    // open another one, and record its own deferred dates as they settle.
    OpenDates& open = m_run->openDates;
    open.leaveUnitLoop();
    for (;;) {
        settleDeferred(context);
        if (const auto task = open.take()) {
            perform(*task, context);
            continue;
        }
        QList<QDate> own;
        for (const Deferred& deferred : m_deferred)
            own.append(deferred.date);
        if (!open.waitForWork(own, context) && own.isEmpty())
            return;
    }
}

void BackfillWorker::perform(const OpenDates::Task& task, UnitContext& context)
{
    const BackfillSettings& s = m_run->settings;
    const QString day = task.date.toString(Qt::ISODate);
    context.setStatus(QStringLiteral("%1: %2/%3 events").arg(day).arg(task.position).arg(task.count));
    const QUrl url = m_client.oddsUrl(s.sport, task.event.id, odds::oddsSnapshot(task.date, task.event.commenceTime, s),
        s.markets, s.regions, s.bookmakers, s.oddsFormat);
    FetchResult r = m_executor.fetch(url, RequestExecutor::Kind::Odds, s.creditsPerOddsRequest(), context);
    OpenDates::TaskResult result;
    result.requests = r.requests;
    result.credits = r.credits;
    switch (r.outcome) {
    case FetchResult::Outcome::Ok:
        storeLater(task, result, std::move(r.body));
        return;
    case FetchResult::Outcome::Empty:
    case FetchResult::Outcome::NotFound:
        result.missing = true;
        ++m_run->eventsMissing;
        m_run->log(
            BackfillLogLevel::Info, QStringLiteral("%1: event %2 missing (%3)").arg(day, task.event.id, r.error));
        break;
    case FetchResult::Outcome::Stopped:
        result.stop = PartitionState::Pending;
        break;
    default:
        result.stop = PartitionState::Failed;
        result.error = QStringLiteral("event %1: %2").arg(task.event.id, r.error);
        break;
    }
    m_run->openDates.report(task, result);
}

void BackfillWorker::storeLater(const OpenDates::Task& task, OpenDates::TaskResult result, QByteArray body)
{
    // Stored on the run's store threads while this worker sends its next request; the date counts
    // the answer (an odds answer as fetched) once it is stored.
    BackfillRun* run = m_run.get(); // the job waits for every store before the run goes away
    run->storeSlots.acquire();
    run->stores.start([run, task, result, body = std::move(body)]() mutable {
        QString error;
        if (run->snapshots.write(task.date, task.event.id, body, error)) {
            result.fetched = task.event.id != SnapshotStore::EventsList;
        } else {
            result.stop = PartitionState::Failed;
            result.error = error;
        }
        run->openDates.report(task, result);
        run->storeSlots.release();
    });
}

} // namespace bfs
