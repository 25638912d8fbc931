#include "FeatureBenchmark.h"

#include "features/FeatureJob.h"
#include "jobs/JobEngine.h"
#include "storage/JobRecord.h"

#include <QTemporaryDir>

#include <optional>

namespace bfs {

namespace {
const QString CancelledError = QStringLiteral("cancelled");
}

nlohmann::json BenchmarkResult::toJson() const
{
    auto rows = nlohmann::json::array();
    for (const auto& run : runs) {
        rows.push_back({
            { "workers", run.workers },
            { "seconds", run.seconds },
            { "speedup", run.speedup },
            { "efficiency", run.efficiency },
            { "stages",
                { { "read", run.stages.read }, { "compute", run.stages.compute }, { "write", run.stages.write } } },
        });
    }
    nlohmann::json json { { "runs", rows } };
    if (!error.isEmpty())
        json["error"] = error.toStdString();
    return json;
}

nlohmann::json BenchmarkSettings::toJson() const
{
    return { { "db", database.toStdString() }, { "workers", std::vector<int>(workers.begin(), workers.end()) },
        { "limit", limit }, { "repeat", repeat }, { "batch_size", batchSize } };
}

namespace {
BenchmarkResult measure(const BenchmarkSettings& settings, const std::function<bool(const BenchmarkRow&)>& onRow)
{
    BenchmarkResult result;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        result.error = QStringLiteral("cannot create a temporary folder for the benchmark output");
        return result;
    }
    double baseline = 0;
    const bool hasSingle = settings.workers.contains(1);
    for (const int workers : settings.workers) {
        BenchmarkRow best;
        best.workers = workers;
        for (int attempt = 0; attempt < std::max(1, settings.repeat); ++attempt) {
            FeatureSettings run;
            run.database = settings.database;
            // A fresh output per run: every run pays the same write cost, and the user's
            // own `features` table is never touched by a benchmark.
            run.outputDatabase = scratch.filePath(QStringLiteral("bench-%1-%2.sqlite").arg(workers).arg(attempt));
            run.workers = workers;
            run.limit = settings.limit;
            run.batchSize = settings.batchSize;
            JobEngine engine;
            const FeatureRunSummary summary = runFeatureJob(run, engine);
            QFile::remove(run.outputDatabase);
            QFile::remove(run.outputDatabase + QStringLiteral("-wal"));
            QFile::remove(run.outputDatabase + QStringLiteral("-shm"));
            if (summary.status != JobStatus::Completed) {
                result.error = summary.error.isEmpty()
                    ? QStringLiteral("run with %1 workers %2").arg(workers).arg(jobStatusName(summary.status))
                    : summary.error;
                return result;
            }
            if (attempt == 0 || summary.seconds < best.seconds) {
                best.seconds = summary.seconds;
                best.stages = summary.stages;
            }
        }
        if (result.runs.isEmpty() || (hasSingle && workers == 1 && baseline == 0))
            baseline = best.seconds;
        result.runs.append(best);
        // Rows measured before the 1-worker baseline are updated once it is known.
        for (auto& row : result.runs) {
            row.speedup = row.seconds > 0 ? baseline / row.seconds : 0;
            row.efficiency = row.speedup / row.workers;
        }
        if (onRow && !onRow(result.runs.last())) {
            result.error = CancelledError;
            return result;
        }
    }
    return result;
}
} // namespace

BenchmarkResult runFeatureBenchmark(
    const BenchmarkSettings& settings, const std::function<bool(const BenchmarkRow&)>& onRow)
{
    std::optional<JobRecord> record;
    if (!settings.workspace.isEmpty()) {
        QString error;
        if (const auto workspace = Workspace::open(settings.workspace, error)) {
            record.emplace(*workspace, QStringLiteral("benchmark-features"));
            record->begin(settings.toJson(), error);
        }
        if (!error.isEmpty()) {
            BenchmarkResult refused;
            refused.error = error;
            return refused;
        }
    }
    BenchmarkResult result = measure(settings, onRow);
    if (record) {
        QString ignored; // a history row that cannot be closed must not fail the run
        record->end(result.error == CancelledError ? JobStatus::Cancelled
                : result.error.isEmpty()           ? JobStatus::Completed
                                                   : JobStatus::Failed,
            result.toJson(), ignored);
    }
    return result;
}

} // namespace bfs
