#include "LoadJob.h"

#include "jobs/UnitContext.h"
#include "odds/load/LineLoader.h"
#include "odds/load/TeamLineLoader.h"
#include "storage/JobRecord.h"
#include "storage/Workspace.h"

#include <algorithm>

namespace bfs {

std::shared_ptr<LoadJob> LoadJob::create(const Workspace& workspace, LoadOptions options)
{
    if (workspace.isTeam())
        return std::make_shared<TeamLineLoader>(workspace, std::move(options));
    return std::make_shared<LineLoader>(workspace, std::move(options));
}

bool LoadJob::finishLoad(UnitContext& context, const LoadOptions& options, LoadSummary& summary, JobRecord& record,
    QString failure, const std::function<std::optional<qint64>(QString&)>& exportLines, QString& error)
{
    std::sort(summary.failures.begin(), summary.failures.end(),
        [](const LoadFailure& a, const LoadFailure& b) { return a.path < b.path; });
    if (failure.isEmpty() && !context.isCanceled() && !context.isAborted() && !options.ndjsonPath.isEmpty()) {
        context.setStatus(QStringLiteral("exporting betting lines to %1").arg(options.ndjsonPath));
        QString exportError;
        summary.ndjsonRows = exportLines(exportError);
        if (!summary.ndjsonRows)
            failure = QStringLiteral("NDJSON export failed: %1").arg(exportError);
    }
    QString recordError;
    if (!record.end(context, summary.toJson(), failure, recordError) && failure.isEmpty())
        failure = recordError;
    error = failure;
    return failure.isEmpty();
}

} // namespace bfs
