#include "WalCheckpointer.h"

#include "storage/SqliteHandle.h"

namespace bfs {

WalCheckpointer::WalCheckpointer(QString databasePath)
    : m_path(std::move(databasePath))
    , m_thread([this] { run(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_all();
}

void WalCheckpointer::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_requested && !m_running; });
}

int WalCheckpointer::checkpointsRun() const
{
    std::lock_guard lock(m_mutex);
    return m_runs;
}

void WalCheckpointer::run()
{
    SqliteHandle db; // opened on first use: most writers never need it
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (!m_requested)
            break;
        m_requested = false;
        m_running = true;
        lock.unlock();
        QString ignored;
        if (!db)
            db = SqliteHandle::open(m_path, SqliteHandle::Mode::ReadWriteCreate, ignored);
        // The PRAGMA, not sqlite3_wal_checkpoint(): preparing it reads the schema, which
        // is how a new connection learns that the database is in WAL mode at all.
        if (db)
            db.exec("PRAGMA wal_checkpoint(PASSIVE)", ignored);
        lock.lock();
        m_running = false;
        ++m_runs;
        m_idle.notify_all();
    }
}

} // namespace bfs
