#pragma once

#include "simulator/SimulatorOptions.h"

#include <QDate>
#include <QString>

#include <functional>
#include <optional>

namespace bfs {

// What demo mode needs on disk and how it configures a session: a workspace with a
// sample race database and sample predictions for the built-in simulator's pitchers,
// already imported, so every screen has real data without an API key.
struct DemoSetup {
    QString workspaceDir;
    QString raceDatabase; // sample-races output inside the workspace
    QString predictionsCsv; // sample-predictions output inside the workspace
    QDate start; // the demo backfill range (simulated season)
    QDate end;
    quint64 seed = 0;
    sim::SimulatorOptions simulator; // light latency and faults, so retries show
    QString apiKey; // the simulator's demo key: not a secret, never a real key
    double rateLimit = 0; // requests per second the demo backfill uses
};

class DemoWorkspace {
public:
    static constexpr quint64 Seed = 2024;
    static constexpr int SampleRaces = 45000;

    // <app data>/demo-workspace
    static QString defaultDir();
    // The configuration only (no disk access): for a workspace at `dir`.
    static DemoSetup setupFor(const QString& dir);
    // Creates what is missing (idempotent: a second call reuses the files and keeps the
    // user's own imports). `progress` receives short status lines. Runs on a worker
    // thread: writing 45,000 sample races takes a couple of seconds.
    static std::optional<DemoSetup> prepare(
        const QString& dir, QString& error, const std::function<void(const QString&)>& progress = {});
};

} // namespace bfs
