#pragma once

#include "odds/scrape/EventList.h"
#include "odds/scrape/PartitionStore.h"

#include <QDate>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <optional>

namespace bfs {

class UnitContext;

// The odds requests of the dates this run has claimed, open to every worker of the run. The unit
// of state stays the date — claimed, recorded and counted by the worker that claimed it — but the
// unit of work is one request: once a date's events list is known, its claimer opens it here with
// the events still to fetch, and any worker with nothing of its own takes the next request (its own
// date's first, else the oldest open date's). So a short range keeps every worker busy, and a long
// one has no tail of workers idling while the last dates run one request at a time.
//
// A request's end is reported with its counts and, when it failed (422, retries exhausted, a store
// that failed) or stopped (cancel, 401, budget), no further request of that date is handed out; the
// claimer records the date once nothing of it is left in flight. An answer counts as fetched only
// once it is stored, so a date is never recorded done before all of its answers are.
class OpenDates {
public:
    struct Task {
        QDate date;
        EventRef event;
        int position = 0; // 1-based within the date's requests, for the status line
        int count = 0;
    };
    struct TaskResult {
        qint64 requests = 0;
        qint64 credits = 0;
        bool fetched = false;
        bool missing = false;
        // Failed (with `error`) or Pending (stopped: the date resumes later); Running when neither.
        PartitionState stop = PartitionState::Running;
        QString error;
    };

    // The claimer opens its date with the events still to fetch; `attempt` holds what is counted so
    // far (the events list request, events already stored or missing). `storing`: answers of the
    // date already fetched and still being stored (its events list), each reported like a request
    // (event id SnapshotStore::EventsList); the date settles only once they are.
    void open(QDate date, QList<EventRef> events, PartitionAttempt attempt, int storing = 0);
    // The next request to send: `preferred`'s first, else the oldest open date's.
    std::optional<Task> take(QDate preferred = {});
    // From any thread: how a taken request ended.
    void report(const Task& task, const TaskResult& result);
    // True when `date` has nothing left to send or in flight (or is not open): close() it.
    bool isSettled(QDate date) const;
    // True when fewer than `count` requests are left to take while dates may still open: a worker
    // then claims the next date, so its events list is back before the workers run dry.
    bool runningLow(int count) const;
    // Blocks until there is a request to take (true), or — with `own` dates — until one of them
    // has nothing left to send or in flight (false), or — without — until nothing is left to take
    // and no date can open any more, or the run is cancelled (false).
    bool waitForWork(const QList<QDate>& own, UnitContext& context);
    // Removes the settled date: its attempt and final state (failed, else pending when a request
    // stopped, else done).
    PartitionAttempt close(QDate date, PartitionState& state);

    // A worker is about to claim a date and open it: from before the claim until open(), or until
    // the date ended without a request to share. Helpers wait for what it may open.
    void startOpening();
    // `exhausted`: the claim found no date left, so none will open any more.
    void stopOpening(bool exhausted = false);
    // A worker that takes no further unit (the run's units are all taken, or it was cancelled): no
    // date opens after those being opened now. Helpers then leave once nothing is left to take —
    // while the last requests are in flight, so their teardown overlaps them rather than following.
    void leaveUnitLoop();

private:
    struct Open {
        QDate date;
        QList<EventRef> events;
        int next = 0; // events[next] is the next request to hand out
        int inFlight = 0; // taken, not reported yet
        PartitionAttempt attempt;
        PartitionState stop = PartitionState::Running;
        bool takeable() const { return stop == PartitionState::Running && next < events.size(); }
        bool settled() const { return inFlight == 0 && !takeable(); }
    };
    Open* find(QDate date);
    const Open* find(QDate date) const;
    qsizetype leftToTake() const; // requests not handed out yet, over every date still taking
    bool settledLocked(QDate date) const; // not open, or nothing left to send or in flight

    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    QList<Open> m_open; // in opening order
    int m_opening = 0; // workers between startOpening() and stopOpening()
    bool m_noMoreDates = false;
};

} // namespace bfs
