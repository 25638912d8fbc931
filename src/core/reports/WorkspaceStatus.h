#pragma once

#include "evaluation/Decision.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <vector>

namespace bfs {

class DbConnection;
class Workspace;

// An instance of a team backfill with a live lease (team.md `status` → "instances").
struct TeamInstance {
    QString owner; // "host pid N run ID"
    int runningDates = 0; // dates it holds now
    QDateTime lastSeen; // its last lease renewal (UTC, the database's clock)
    qint64 requests = 0; // requests its run has sent so far (published twice a second)
    // Instances whose leases have not expired, by owner.
    static std::optional<std::vector<TeamInstance>> list(const Workspace& workspace, QString& error);
    static std::optional<std::vector<TeamInstance>> list(const DbConnection& connection, QString& error);
};

// One phase's line on the dashboard.
struct PhaseProgress {
    qint64 done = 0;
    qint64 total = 0;
    double percent() const { return total > 0 ? 100.0 * double(done) / double(total) : 0.0; } // 0…100
    nlohmann::json toJson() const; // {"done", "total", "percent"}
};

// The workspace's progress dashboard (cli.md `status`), collected in ONE place for the CLI's
// `status`, the Status tab and the progress report, so the three can never disagree:
// phase 1 = dates done or empty of all dates ever planned for the sport; phase 2 = event files
// loaded into betting_lines of all event files on disk; phase 3 = predictions with a line of
// all predictions, with coverage and readiness; the failed dates with their errors; the
// partitions by state; the latest known quota and the last backfill run.
struct WorkspaceStatus {
    struct FailedDate {
        QDate date;
        QString error;
        int attempts = 0;
    };

    QString sport;
    PhaseProgress phase1, phase2, phase3;
    double coverage = 0; // phase 3 as a fraction
    Readiness readiness = Readiness::Waiting;
    std::vector<FailedDate> failedDates; // in date order
    std::array<int, 5> partitions {}; // by PartitionState: pending, running, done, empty, failed
    std::optional<qint64> requestsRemaining; // from the last backfill run's summary
    nlohmann::json lastRun; // {"kind", "started_at", "ended_at", "status", "summary"} or null
    bool team = false; // a team database: phase 2 counts raw_snapshots; instances are listed
    std::vector<TeamInstance> instances;

    // Fails (with `error`) when any part cannot be read: a dashboard that is half wrong is worse
    // than an error.
    static std::optional<WorkspaceStatus> collect(const Workspace& workspace, const QString& sport, QString& error);
    // The `status --json` object: phase1–3, coverage, readiness, failed_dates, partitions, quota,
    // last_run, and in team mode instances.
    nlohmann::json toJson() const;
};

} // namespace bfs
