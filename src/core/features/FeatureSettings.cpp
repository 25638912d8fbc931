#include "FeatureSettings.h"

#include "jobs/JobEngine.h"

namespace bfs {

QString FeatureSettings::validate() const
{
    if (database.trimmed().isEmpty())
        return QStringLiteral("no race database given (--db)");
    if (workers < JobEngine::MinWorkers || workers > JobEngine::MaxWorkers)
        return QStringLiteral("--workers must be between %1 and %2, got %3")
            .arg(JobEngine::MinWorkers)
            .arg(JobEngine::MaxWorkers)
            .arg(workers);
    if (limit < 0)
        return QStringLiteral("--limit must be ≥ 0, got %1").arg(limit);
    if (batchSize < 1)
        return QStringLiteral("--batch-size must be ≥ 1, got %1").arg(batchSize);
    return {};
}

nlohmann::json FeatureSettings::toJson() const
{
    return { { "db", database.toStdString() }, { "out_db", outputDatabase.toStdString() }, { "workers", workers },
        { "limit", limit }, { "batch_size", batchSize },
        { "workspace", workspace.isEmpty() ? nlohmann::json() : nlohmann::json(workspace.toStdString()) } };
}

} // namespace bfs
