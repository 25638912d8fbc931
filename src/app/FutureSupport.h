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

} // namespace bfs::app
