#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace bfs {

// Copies a WAL database's committed pages into the database file on a thread and a
// connection of its own, so a bulk writer does not stop for it: the copy (and its two
// fsyncs) runs while the writer goes on, e.g. while it builds an index. A PASSIVE
// checkpoint: it never waits for readers or the writer, and whatever it cannot copy yet
// stays safely in the WAL for the next checkpoint. Failures are not errors for the same
// reason (the committed data is in the WAL either way).
class WalCheckpointer {
public:
    explicit WalCheckpointer(QString databasePath);
    ~WalCheckpointer(); // finishes a checkpoint under way, then stops
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Starts a checkpoint soon (one more after the one running, if any). Never blocks.
    void request();
    // Blocks until no checkpoint is running or requested.
    void waitIdle();
    int checkpointsRun() const;

private:
    void run();

    const QString m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_requested = false;
    bool m_running = false;
    bool m_stopping = false;
    int m_runs = 0;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace bfs
