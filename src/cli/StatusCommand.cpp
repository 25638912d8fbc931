// `status`: the workspace's progress dashboard (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "odds/scrape/BackfillSettings.h"
#include "reports/WorkspaceStatus.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"

#include <QDir>

namespace bfs::cli {
namespace {

int runStatus(const QStringList& arguments)
{
    QString sport = BackfillSettings().sport;
    CommandFlags flags(QStringLiteral("Show a workspace's progress per phase, failures and quota."));
    flags.add(QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"))
        .addDatabase()
        .add(QStringLiteral("sport"), QStringLiteral("Sport key (default %1).").arg(sport), QStringLiteral("SPORT"))
        .addJson();
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString dir;
    if (!flags.require(QStringLiteral("workspace")) || !flags.readPath(QStringLiteral("workspace"), dir)
        || !flags.readPath(QStringLiteral("sport"), sport))
        return flags.usageError();
    if (!isTeamMode(flags.parser()) && !QDir(dir).exists())
        return usageError(QStringLiteral("workspace %1 does not exist").arg(dir));
    QString error;
    int openFailure = ExitOk;
    auto workspace = openWorkspace(flags.parser(), dir, Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const auto status = WorkspaceStatus::collect(*workspace, sport, error);
    if (!status)
        return fail(ExitFatal, error);
    auto line = [](const PhaseProgress& p, const char* label) {
        return QStringLiteral("%1 %2/%3 (%4%)\n")
            .arg(QString::fromLatin1(label), -8)
            .arg(p.done)
            .arg(p.total)
            .arg(p.percent(), 0, 'f', 1);
    };
    QString text = line(status->phase1, "scrape") + line(status->phase2, "load") + line(status->phase3, "evaluate");
    text += QStringLiteral("coverage %1% (%2)\n")
                .arg(status->coverage * 100.0, 0, 'f', 1)
                .arg(Decision::name(status->readiness));
    for (const auto& f : status->failedDates)
        text += QStringLiteral("failed %1: %2\n").arg(f.date.toString(Qt::ISODate), f.error);
    if (status->requestsRemaining)
        text += QStringLiteral("quota remaining: %1\n").arg(*status->requestsRemaining);
    printResult(flags.json(), status->toJson(), text);
    return ExitOk;
}

CommandRegistrar registrar({ "status", "Show a workspace's progress per phase, failures and quota.", &runStatus });

} // namespace
} // namespace bfs::cli
