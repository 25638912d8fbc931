#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace bfs::app {

// Calls `handler(result)` on `context`'s thread once `future` has finished; nothing runs
// if `context` is destroyed first. Uses a QFutureWatcher connected before setFuture
// (Qt's primecounter example) rather than QFuture::then(context, …): with Qt 6.4 the
// offscreen tests lost about one continuation in six when the task finished while the
// continuation was being attached.
template <typename T, typename Handler> void whenFinished(QObject* context, const QFuture<T>& future, Handler handler)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context, [watcher, handler = std::move(handler)]() mutable {
            watcher->deleteLater();
            handler(watcher->result());
        });
    watcher->setFuture(future);
}

// The latest of a series of background reads (hotspot's JobTracker): each start() supersedes the
// one before, whose result is dropped when it arrives, and invalidate() drops the one in flight
// (the input changed). The tracker must be a member of `context`, so it outlives every handler.
class JobTracker {
public:
    template <typename T, typename Handler> void start(QObject* context, const QFuture<T>& future, Handler handler)
    {
        const quint64 ticket = ++m_ticket;
        whenFinished(context, future, [this, ticket, handler = std::move(handler)](const T& result) mutable {
            if (ticket == m_ticket)
                handler(result);
        });
    }
    void invalidate() { ++m_ticket; }

private:
    quint64 m_ticket = 0;
};

} // namespace bfs::app
