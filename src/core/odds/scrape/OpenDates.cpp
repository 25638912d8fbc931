#include "OpenDates.h"

#include "jobs/UnitContext.h"

#include <algorithm>
#include <utility>

namespace bfs {

const OpenDates::Open* OpenDates::find(QDate date) const
{
    for (const Open& o : m_open) {
        if (o.date == date)
            return &o;
    }
    return nullptr;
}

OpenDates::Open* OpenDates::find(QDate date)
{
    return const_cast<Open*>(std::as_const(*this).find(date));
}

qsizetype OpenDates::leftToTake() const
{
    qsizetype left = 0;
    for (const Open& o : m_open)
        left += o.takeable() ? o.events.size() - o.next : 0;
    return left;
}

bool OpenDates::settledLocked(QDate date) const
{
    const Open* o = find(date);
    return !o || o->settled();
}

void OpenDates::open(QDate date, QList<EventRef> events, PartitionAttempt attempt, int storing)
{
    QMutexLocker lock(&m_mutex);
    m_open.append({ date, std::move(events), 0, storing, std::move(attempt), PartitionState::Running });
    m_changed.wakeAll();
}

std::optional<OpenDates::Task> OpenDates::take(QDate preferred)
{
    QMutexLocker lock(&m_mutex);
    Open* chosen = preferred.isValid() ? find(preferred) : nullptr;
    if (!chosen || !chosen->takeable()) {
        chosen = nullptr;
        for (Open& o : m_open) {
            if (o.takeable()) {
                chosen = &o;
                break;
            }
        }
    }
    if (!chosen)
        return std::nullopt;
    ++chosen->inFlight;
    const int index = chosen->next++;
    return Task { chosen->date, chosen->events[index], index + 1, int(chosen->events.size()) };
}

void OpenDates::report(const Task& task, const TaskResult& result)
{
    QMutexLocker lock(&m_mutex);
    Open* o = find(task.date);
    Q_ASSERT(o); // a date is closed only once nothing of it is in flight
    if (!o)
        return;
    --o->inFlight;
    o->attempt.requests += result.requests;
    o->attempt.credits += result.credits;
    o->attempt.eventsFetched += result.fetched ? 1 : 0;
    o->attempt.eventsMissing += result.missing ? 1 : 0;
    // A failure outranks a stop: the date has a real error to show, and a rerun retries it anyway.
    if (result.stop == PartitionState::Failed && o->stop != PartitionState::Failed) {
        o->stop = PartitionState::Failed;
        o->attempt.error = result.error;
    } else if (result.stop == PartitionState::Pending && o->stop == PartitionState::Running) {
        o->stop = PartitionState::Pending;
    }
    m_changed.wakeAll();
}

bool OpenDates::isSettled(QDate date) const
{
    QMutexLocker lock(&m_mutex);
    return settledLocked(date);
}

bool OpenDates::runningLow(int count) const
{
    QMutexLocker lock(&m_mutex);
    return !m_noMoreDates && leftToTake() < count;
}

bool OpenDates::waitForWork(const QList<QDate>& own, UnitContext& context)
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (!own.isEmpty()) {
            if (std::any_of(own.begin(), own.end(), [this](QDate date) { return settledLocked(date); }))
                return false;
        } else if (context.isCanceled() || (m_noMoreDates && m_opening == 0 && leftToTake() == 0)) {
            return false;
        }
        if (leftToTake() > 0)
            return true;
        // Sliced: a cancel is noticed within this even when nothing reports meanwhile.
        m_changed.wait(&m_mutex, 50);
    }
}

PartitionAttempt OpenDates::close(QDate date, PartitionState& state)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_open.size(); ++i) {
        if (m_open[i].date != date)
            continue;
        Open o = m_open.takeAt(i);
        Q_ASSERT(o.inFlight == 0);
        state = o.stop == PartitionState::Running ? PartitionState::Done : o.stop;
        m_changed.wakeAll();
        return o.attempt;
    }
    state = PartitionState::Pending;
    return {};
}

void OpenDates::startOpening()
{
    QMutexLocker lock(&m_mutex);
    ++m_opening;
}

void OpenDates::stopOpening(bool exhausted)
{
    QMutexLocker lock(&m_mutex);
    --m_opening;
    m_noMoreDates = m_noMoreDates || exhausted;
    m_changed.wakeAll();
}

void OpenDates::leaveUnitLoop()
{
    QMutexLocker lock(&m_mutex);
    m_noMoreDates = true;
    m_changed.wakeAll();
}

} // namespace bfs
