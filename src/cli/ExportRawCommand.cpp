// `export-raw`: a team database's raw snapshots as a raw/ tree (team.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "odds/scrape/RawSnapshotExport.h"
#include "storage/DatabaseUrl.h"
#include "util/ExitCode.h"

#include <QDir>
#include <QElapsedTimer>

namespace bfs::cli {
namespace {

int runExportRaw(const QStringList& arguments)
{
    CommandFlags flags(
        QStringLiteral("Write a team database's raw snapshots as DIR/raw/{sport}/{date}/…json (a backup, or the raw/ "
                       "folder of a SQLite workspace when DIR is one)."));
    flags.addDatabase()
        .add(QStringLiteral("out"), QStringLiteral("Folder to write raw/ into."), QStringLiteral("DIR"))
        .addJson();
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString out;
    if (!flags.require(QStringLiteral("database")) || !flags.require(QStringLiteral("out"))
        || !flags.readPath(QStringLiteral("out"), out))
        return flags.usageError();
    QString error;
    const auto url = DatabaseUrl::parse(flags.text(QStringLiteral("database")), error);
    if (!url)
        return usageError(error);
    if (!QDir().mkpath(out))
        return fail(ExitFatal, QStringLiteral("cannot create folder %1").arg(out));
    QElapsedTimer clock;
    clock.start();
    const auto exported = RawSnapshotExport::run(*url, out, error);
    if (!exported)
        return fail(ExitFatal, error);
    nlohmann::json json = exported->toJson();
    json["seconds"] = clock.nsecsElapsed() / 1e9;
    printResult(flags.json(), json,
        QStringLiteral("exported %1 snapshots to %2/raw: %3 written, %4 already there")
            .arg(exported->snapshots)
            .arg(out)
            .arg(exported->written)
            .arg(exported->unchanged));
    return ExitOk;
}

CommandRegistrar registrar({ "export-raw", "Write a team database's raw snapshots as a raw/ tree.", &runExportRaw });

} // namespace
} // namespace bfs::cli
