#pragma once

#include <QString>
#include <QtGlobal>

namespace bfs::sim {

// Behaviour of the built-in Odds API simulator (cli.md `simulate-api`). Fault rates are
// fractions 0…1 drawn deterministically from (seed, request, attempt of that request),
// so a run with the same requests sees the same faults whatever the thread timing.
struct SimulatorOptions {
    quint64 seed = 42;
    int latencyMs = 0; // mean response delay; ±25 % jitter
    double errorRate = 0; // HTTP 500
    double rate429 = 0; // HTTP 429 with Retry-After
    int retryAfterSeconds = 1; // -1: 429s carry no Retry-After header
    double malformedRate = 0; // HTTP 200 with a truncated body
    double missingRate = 0; // events whose odds answer 404 (listed, then gone)
    double rateLimit = 0; // requests per second over all clients; 0 = unlimited
    QString requiredKey; // empty: any key accepted
    qint64 quota = 0; // credits; 0 = unlimited
    bool noContentWhenEmpty = false; // answer 204 for an empty events list, as some deployments do
    double rate204 = 0; // event-odds requests answered 204 No Content (an empty snapshot)
};

} // namespace bfs::sim
