// `export-raw`: a team database's raw snapshots as a raw/ tree (team.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "odds/RawSnapshotExport.h"
#include "storage/DatabaseUrl.h"
#include "util/ExitCode.h"

#include <QDir>
#include <QElapsedTimer>

namespace bfs::cli {
namespace {

int runExportRaw(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write a team database's raw snapshots as DIR/raw/{sport}/{date}/…json (a backup, or the raw/ "
                       "folder of a SQLite workspace when DIR is one)."));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder to write raw/ into."), QStringLiteral("DIR"));
    parser.addOptions({ databaseOption(), outOption, jsonOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (!isTeamMode(parser))
        return usageError(QStringLiteral("--database is required"));
    if (!parser.isSet(outOption) || parser.value(outOption).isEmpty())
        return usageError(QStringLiteral("--out is required"));
    QString error;
    const auto url = DatabaseUrl::parse(parser.value(databaseOption()), error);
    if (!url)
        return usageError(error);
    const QString out = parser.value(outOption);
    if (!QDir().mkpath(out))
        return fail(ExitFatal, QStringLiteral("cannot create folder %1").arg(out));
    QElapsedTimer clock;
    clock.start();
    const auto exported = RawSnapshotExport::run(*url, out, error);
    if (!exported)
        return fail(ExitFatal, error);
    const double seconds = clock.nsecsElapsed() / 1e9;
    printLine(QStringLiteral("exported %1 snapshots to %2/raw: %3 written, %4 already there")
                  .arg(exported->snapshots)
                  .arg(out)
                  .arg(exported->written)
                  .arg(exported->unchanged));
    if (parser.isSet(jsonOption())) {
        nlohmann::json json = exported->toJson();
        json["seconds"] = seconds;
        printJson(json);
    }
    return ExitOk;
}

CommandRegistrar registrar({ "export-raw", "Write a team database's raw snapshots as a raw/ tree.", &runExportRaw });

} // namespace
} // namespace bfs::cli
