// `status`: the workspace's progress dashboard (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "odds/BackfillSettings.h"
#include "reports/WorkspaceStatus.h"
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
    parser.addOptions({ workspaceOption, databaseOption(), sportOption, jsonOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (!parser.isSet(workspaceOption))
        return usageError(QStringLiteral("--workspace is required"));
    const QString dir = parser.value(workspaceOption);
    if (!isTeamMode(parser) && !QDir(dir).exists())
        return usageError(QStringLiteral("workspace %1 does not exist").arg(dir));
    QString error;
    int openFailure = ExitOk;
    auto workspace = openWorkspace(parser, dir, Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const QString sport = parser.isSet(sportOption) ? parser.value(sportOption) : BackfillSettings().sport;
    const auto status = WorkspaceStatus::collect(*workspace, sport, error);
    if (!status)
        return fail(ExitFatal, error);
    if (parser.isSet(jsonOption())) {
        printJson(status->toJson());
        return ExitOk;
    }
    auto line = [](const PhaseProgress& p, const char* label) {
        std::printf("%-8s %lld/%lld (%.1f%%)\n", label, static_cast<long long>(p.done), static_cast<long long>(p.total),
            p.percent());
    };
    line(status->phase1, "scrape");
    line(status->phase2, "load");
    line(status->phase3, "evaluate");
    std::printf("coverage %.1f%% (%s)\n", status->coverage * 100.0, qUtf8Printable(Decision::name(status->readiness)));
    for (const auto& f : status->failedDates)
        std::printf("failed %s: %s\n", qUtf8Printable(f.date.toString(Qt::ISODate)), qUtf8Printable(f.error));
    if (status->requestsRemaining)
        std::printf("quota remaining: %lld\n", static_cast<long long>(*status->requestsRemaining));
    return ExitOk;
}

CommandRegistrar registrar({ "status", "Show a workspace's progress per phase, failures and quota.", &runStatus });

} // namespace
} // namespace bfs::cli
