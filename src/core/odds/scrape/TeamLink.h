#pragma once

#include "storage/DatabaseUrl.h"

#include <QList>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace bfs {

class PgPool;

// What one instance of a team backfill shares with the others through the team database
// (team.md), over libpq connections any worker thread can use:
// - the leases on the dates this instance works on, renewed every lease/3 by its own thread;
// - the team's one request pace: a GCRA bucket in table team_rate, whose slots are taken a small
//   batch at a time under the row's lock, so every instance together stays within one rate;
// - the latest x-requests-remaining any instance saw (so --reserve acts on the team's spending);
// - a stop (a 401) that one instance announces and every other one picks up within a second.
class TeamLink {
public:
    struct Hooks {
        std::function<std::optional<qint64>()> localRemaining; // this instance's latest header value
        std::function<qint64()> requestsSent; // this run's requests so far (Team panel's req/s)
        std::function<void(qint64)> teamRemaining; // a lower value another instance saw
        std::function<void(const QString&)> stopped; // another instance announced a stop
        std::function<void(const QString&)> log; // lost contact, warnings
    };

    TeamLink(std::shared_ptr<PgPool> pool, QString owner, qint64 leaseMs);
    ~TeamLink();
    TeamLink(const TeamLink&) = delete;
    TeamLink& operator=(const TeamLink&) = delete;

    // Reads the database clock (stops announced before now are history) and starts the thread.
    bool start(Hooks hooks, QString& error);
    void stop(); // ends the thread after its current round; idempotent

    const QString& owner() const { return m_owner; }
    qint64 leaseMs() const { return m_leaseMs; }
    const std::shared_ptr<PgPool>& pool() const { return m_pool; }

    // The start times, in seconds from now, of the next `count` request slots reserved for this
    // instance at one request every `interval` s over the whole team. Empty when the database
    // cannot be reached.
    std::optional<QList<double>> takeSlots(int count, double interval);
    // Records a stop for every instance (the API's reason, with its error code).
    void announceStop(const QString& reason);

    // team_state's row holding an instance's request count ("requests OWNER").
    static QByteArray requestsKey(const QString& owner);

    // Renews this instance's leases now; the thread does this every lease/3.
    bool renewLeases(QString& error);

private:
    void loop();
    void shareRemaining();
    void publishRequests();
    void pollStop();

    std::shared_ptr<PgPool> m_pool;
    QString m_owner;
    qint64 m_leaseMs;
    Hooks m_hooks;
    qint64 m_startedMs = 0; // database clock when the run started
    std::optional<qint64> m_published;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace bfs
