#pragma once

#include "simulator/SimulatorOptions.h"

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace bfs::sim {

class SimulatorBackend;

// When one request reached the server and when its answer went out, in seconds since the server
// started: the benchmark's view of what was in flight (bench/backfill_throughput.sh).
struct RequestTiming {
    double arrived = 0;
    double answered = -1; // -1 while the answer waits (or when the client hung up first)
    int status = 0;
    QString request; // "GET path?query", the key masked
};

// The Odds-API-compatible test double (odds-api.md "The built-in simulator"): serves the
// two historical endpoints from a SimulatedSeason over Qt HTTP Server on a loopback
// port, with latency, faults, a rate limit, a key check and a credit quota.
//
// It runs on its own thread, so the caller may block (a test waiting on a worker, the
// CLI's event loop busy) and the server still answers. Latency is a timer per request,
// never a sleep, so slow responses overlap instead of queueing behind each other.
class SimulatorServer : public QObject {
    Q_OBJECT
public:
    explicit SimulatorServer(SimulatorOptions options = {}, QObject* parent = nullptr);
    ~SimulatorServer() override;

    // Listens on 127.0.0.1:`port` (0 picks a free port). Returns the port, 0 on error.
    quint16 start(quint16 port, QString& error);
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://127.0.0.1:PORT

    // Counters for tests and the demo's quota display; safe from any thread.
    qint64 requestCount() const;
    qint64 creditsUsed() const;
    qint64 faultCount() const; // 500 + 429 + malformed answers served
    QStringList requestLog() const; // "GET path?query" with the key masked, in arrival order
    QList<RequestTiming> requestTimings() const; // the same requests, in arrival order, with their times

private:
    SimulatorOptions m_options;
    quint16 m_port = 0;
    std::unique_ptr<QThread> m_thread;
    SimulatorBackend* m_backend = nullptr; // lives on m_thread
};

} // namespace bfs::sim
