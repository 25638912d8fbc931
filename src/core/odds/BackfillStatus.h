#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace bfs {

class Workspace;

// The workspace's progress dashboard for phases 1–2 (cli.md `status`): phase1 = dates
// done or empty of all dates ever planned, phase2 = event files loaded into
// betting_lines of all event files on disk, the failed dates with their errors, the
// latest known quota and the last run. phase3, coverage and readiness belong to the
// evaluation; collectBackfillStatus() leaves them for it to fill (phase3 zero,
// coverage and readiness null) so the command prints every key either way.
nlohmann::json collectBackfillStatus(const Workspace& workspace, const QString& sport, QString& error);

// {"done", "total", "percent"} with percent in 0…100 and 0 when total is 0.
nlohmann::json phaseProgress(qint64 done, qint64 total);

} // namespace bfs
