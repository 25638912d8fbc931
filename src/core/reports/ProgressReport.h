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

class AppSettings;
class Workspace;

// The numbers of an exported progress report, gathered from a workspace through the
// same core classes the screens and the CLI use (status dashboard, evaluation, run
// history), so a report can never disagree with them. Every format renders this:
// JSON and CSV carry the numbers, HTML and PDF add the charts (src/charts).
struct ProgressReport {
    QString workspace;
    QDateTime generatedAt;
    QString sport;
    nlohmann::json status; // `status --json`: phase1–3, coverage, readiness, failed_dates, quota…
    // Dates finished (done or empty) against hours since the first one finished.
    std::vector<std::pair<double, double>> progressOverTime;
    std::optional<EvaluationReport> evaluation; // none without predictions
    double minEdge = 0.5;
    QList<RunRecord> runs;                 // the run history, newest first
    std::optional<RunRecord> benchmark;    // the latest completed benchmark-features run
    nlohmann::json configuration;          // settings, credentials redacted

    static std::optional<ProgressReport> collect(const Workspace& workspace, const nlohmann::json& configuration,
        double minEdge, QString& error);
    // The configuration block from the application's settings (no credential is ever in them).
    static nlohmann::json configurationFrom(const AppSettings& settings);

    nlohmann::json toJson() const;
    // Flat "key,value" rows of every number in toJson() ("evaluation.hit_rate,0.56").
    QByteArray toCsv() const;

    // Writes the json or csv rendering atomically; false with `error` otherwise.
    bool writeNumbers(const QString& format, const QString& path, QString& error) const;

    // The formats `report --format` accepts and the menu offers.
    static const QStringList& formats();
};

} // namespace bfs
