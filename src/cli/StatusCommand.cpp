// `status`: the workspace's progress dashboard (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "evaluation/EvaluationStatus.h"
#include "odds/BackfillStatus.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"

#include <QDir>

namespace bfs::cli {
namespace {

int runStatus(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show a workspace's progress per phase, failures and quota."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"));
    const QCommandLineOption sportOption(QStringLiteral("sport"), QStringLiteral("Sport key (default baseball_mlb)."), QStringLiteral("SPORT"));
    parser.addOptions({ workspaceOption, sportOption, jsonOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (!parser.isSet(workspaceOption))
        return usageError(QStringLiteral("--workspace is required"));
    const QString dir = parser.value(workspaceOption);
    if (!QDir(dir).exists())
        return usageError(QStringLiteral("workspace %1 does not exist").arg(dir));
    QString error;
    auto workspace = Workspace::open(dir, error, Workspace::Access::Read);
    if (!workspace)
        return fail(ExitFatal, error);
    const QString sport = parser.isSet(sportOption) ? parser.value(sportOption) : QStringLiteral("baseball_mlb");
    nlohmann::json status = collectBackfillStatus(*workspace, sport, error);
    if (status.is_null())
        return fail(ExitFatal, error);
    {
        // Phase 3, coverage and readiness come from the evaluation (predictions matched to lines).
        const DbConnection connection = workspace->connect(error);
        const auto evaluation = connection.isOpen() ? EvaluationStatus::compute(connection, error) : std::nullopt;
        if (!evaluation)
            return fail(ExitFatal, error);
        evaluation->addTo(status);
    }
    if (parser.isSet(jsonOption())) {
        printJson(status);
        return ExitOk;
    }
    auto line = [&status](const char* key, const char* label) {
        const auto& p = status[key];
        std::printf("%-8s %lld/%lld (%.1f%%)\n", label, static_cast<long long>(p["done"].get<qint64>()),
            static_cast<long long>(p["total"].get<qint64>()), p["percent"].get<double>());
    };
    line("phase1", "scrape");
    line("phase2", "load");
    line("phase3", "evaluate");
    std::printf("coverage %.1f%% (%s)\n", status["coverage"].get<double>() * 100.0,
        status["readiness"].get<std::string>().c_str());
    for (const auto& f : status["failed_dates"])
        std::printf("failed %s: %s\n", f["date"].get<std::string>().c_str(), f["error"].get<std::string>().c_str());
    if (status["quota"].is_object() && !status["quota"]["requests_remaining"].is_null())
        std::printf("quota remaining: %lld\n", static_cast<long long>(status["quota"]["requests_remaining"].get<qint64>()));
    return ExitOk;
}

CommandRegistrar registrar({ "status", "Show a workspace's progress per phase, failures and quota.", &runStatus });

} // namespace
} // namespace bfs::cli
