// `backfill-studio-cli load`: phase 2, raw odds files → betting_lines (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "jobs/JobEngine.h"
#include "odds/load/LoadJob.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace bfs::cli {

namespace {

int runLoad(const QStringList& arguments)
{
    CommandFlags flags(
        QStringLiteral("Load every raw event-odds file of the workspace not loaded yet into betting_lines (phase 2)."));
    flags
        .add(QStringLiteral("workspace"), QStringLiteral("Workspace folder (created when missing)."),
            QStringLiteral("DIR"))
        .addDatabase()
        .add(QStringLiteral("ndjson"), QStringLiteral("Also export all betting lines as NDJSON (for bq load) to FILE."),
            QStringLiteral("FILE"))
        .add(QStringLiteral("odds-format"),
            QStringLiteral("Prices in the raw files: auto (per file: decimal when a price lies between -100 and 100), "
                           "american or decimal. Default auto."),
            QStringLiteral("FORMAT"))
        .addWorkers()
        .addJson();
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString dir;
    int workers = 0;
    if (!flags.require(QStringLiteral("workspace")) || !flags.readPath(QStringLiteral("workspace"), dir)
        || !flags.readWorkers(workers))
        return flags.usageError();
    const QFileInfo dirInfo(dir);
    if (dirInfo.exists() && !dirInfo.isDir())
        return usageError(QStringLiteral("--workspace %1 is a file, not a folder").arg(dir));
    if (dirInfo.exists() && (!dirInfo.isReadable() || !dirInfo.isExecutable()))
        return usageError(QStringLiteral("--workspace %1 cannot be read (permission denied)").arg(dir));
    const QString formatText = flags.isSet(QStringLiteral("odds-format")) ? flags.text(QStringLiteral("odds-format"))
                                                                          : QStringLiteral("auto");
    const auto format = parseOddsFormat(formatText);
    if (!format)
        return usageError(QStringLiteral("--odds-format must be auto, american or decimal, got '%1'").arg(formatText));
    QString ndjsonPath;
    if (flags.isSet(QStringLiteral("ndjson"))) {
        ndjsonPath = flags.text(QStringLiteral("ndjson"));
        const QFileInfo target(ndjsonPath);
        if (ndjsonPath.isEmpty() || target.isDir())
            return usageError(QStringLiteral("--ndjson needs a file path, got '%1'").arg(ndjsonPath));
        if (!target.absoluteDir().exists())
            return usageError(QStringLiteral("--ndjson: folder %1 does not exist").arg(target.absolutePath()));
        if (const QString problem = Workspace::outputPathProblem(dir, ndjsonPath); !problem.isEmpty())
            return usageError(QStringLiteral("--ndjson: %1").arg(problem));
    }

    QElapsedTimer clock;
    clock.start();
    int openFailure = ExitOk;
    const auto workspace = openWorkspace(flags.parser(), dir, Workspace::Access::ReadWrite, openFailure);
    if (!workspace)
        return openFailure;

    LoadOptions options;
    options.format = *format;
    options.ndjsonPath = ndjsonPath;
    auto loader = LoadJob::create(*workspace, options); // records its own run
    JobEngine engine;
    engine.setWorkers(workers);
    JobResult result;
    {
        ProgressPrinter progress(engine, QStringLiteral("files"), QStringLiteral("rows"));
        CancelOnSignal cancel([&engine] { engine.cancel(); });
        result = engine.run(loader);
    }
    const LoadSummary summary = loader->summary();
    for (const auto& failure : summary.failures)
        printLine(QStringLiteral("skipped %1: %2").arg(failure.path, failure.reason));
    if (const QString advice = summary.refetchAdvice(); !advice.isEmpty())
        printLine(advice);
    if (result.status == JobStatus::Failed || result.status == JobStatus::Aborted)
        return fail(exitCodeFor(result), QStringLiteral("load stopped: %1").arg(result.error));
    const double seconds = clock.nsecsElapsed() / 1e9;

    nlohmann::json json = summary.toJson();
    json["seconds"] = seconds;
    json["load_seconds"] = result.seconds;
    json["workers"] = result.workers;
    json["cancelled"] = result.status == JobStatus::Cancelled;
    if (summary.ndjsonRows)
        json["ndjson_path"] = ndjsonPath.toStdString();
    QString text = QStringLiteral(
        "loaded %1 files (%2 new rows, %3 in the table), skipped %4 already loaded, %5 failed, in %6 s")
                       .arg(summary.filesLoaded)
                       .arg(summary.rowsInserted)
                       .arg(summary.rowsTotal)
                       .arg(summary.filesSkipped)
                       .arg(summary.filesFailed)
                       .arg(seconds, 0, 'f', 2);
    if (summary.ndjsonRows)
        text += QStringLiteral("\nexported %1 betting lines to %2").arg(*summary.ndjsonRows).arg(ndjsonPath);
    printResult(flags.json(), json, text);
    return exitCodeFor(result, summary.filesFailed > 0);
}

CommandRegistrar registrar(
    { "load", "Load raw odds files into betting_lines (phase 2), optionally export NDJSON.", &runLoad });

} // namespace
} // namespace bfs::cli
