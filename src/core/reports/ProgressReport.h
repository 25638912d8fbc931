#pragma once

#include "evaluation/EvaluationReport.h"
#include "storage/RunHistory.h"

#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace bfs {

class Workspace;

// The numbers of an exported progress report, gathered from a workspace through the
// same core classes the screens and the CLI use (status dashboard, evaluation, run
// history), so a report can never disagree with them. Every format renders this:
// JSON and CSV carry the numbers, HTML and PDF add the charts (src/charts).
struct ProgressReport {
    QString workspace;
    QDateTime generatedAt;
    QString sport;
    nlohmann::json status; // WorkspaceStatus::toJson(), as `status --json` prints it
    // Dates finished (done or empty) against hours since the first one finished.
    std::vector<std::pair<double, double>> progressOverTime;
    std::optional<EvaluationReport> evaluation; // none without predictions
    double minEdge = 0.5;
    QList<RunRecord> runs; // the run history, newest first
    std::optional<RunRecord> benchmark; // the latest completed benchmark-features run
    // What ran, per phase, from the run records (credentials redacted): for "backfill", "load" and
    // "features" the latest run's configuration with its id, status and start, how many runs the
    // phase had, and every setting whose value differed in an earlier run (its distinct values);
    // for "evaluation" the min edge and the prediction file of this report. A phase that never ran
    // is null: nothing is filled in from the application's current settings.
    nlohmann::json configuration;

    static std::optional<ProgressReport> collect(const Workspace& workspace, double minEdge, QString& error);
    // The "configuration" block for these runs (newest first), as described above.
    static nlohmann::json configurationOf(
        const QList<RunRecord>& runs, double minEdge, const QString& predictionSource);

    nlohmann::json toJson() const;
    // Flat "key,value" rows of every number in toJson() ("evaluation.hit_rate,0.56").
    QByteArray toCsv() const;

    // Writes the json or csv rendering atomically; false with `error` otherwise.
    bool writeNumbers(const QString& format, const QString& path, QString& error) const;

    // The formats `report --format` accepts and the menu offers.
    static const QStringList& formats();
};

} // namespace bfs
