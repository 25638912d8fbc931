// `features` and `benchmark-features` (cli.md, "Feature generation").
#include "CliCommand.h"
#include "CliSupport.h"
#include "features/FeatureBenchmark.h"
#include "features/FeatureJob.h"
#include "features/RaceDbReader.h"
#include "jobs/JobEngine.h"
#include "storage/RunRecorder.h"
#include "util/ExitCode.h"

namespace bfs::cli {

namespace {

int runFeatures(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Compute the `features` table of a race database."));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Race database (SQLite)."), QStringLiteral("FILE"));
    const QCommandLineOption outDb(QStringLiteral("out-db"),
        QStringLiteral("Write `features` into this database instead of the input."), QStringLiteral("FILE"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Only the first N eligible races."),
        QStringLiteral("N"));
    const QCommandLineOption test(QStringLiteral("test"), QStringLiteral("Test mode: --limit 100."));
    const QCommandLineOption batch(QStringLiteral("batch-size"), QStringLiteral("Races per unit of work (default 500)."),
        QStringLiteral("N"));
    parser.addOptions({ db, outDb, workersOption(), limit, test, batch, jsonOption(), workspaceHistoryOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;

    FeatureSettings settings;
    settings.database = parser.value(db);
    settings.outputDatabase = parser.value(outDb);
    QString error;
    const auto workers = parseWorkers(parser, error);
    if (!workers)
        return usageError(error);
    settings.workers = *workers;
    if (parser.isSet(limit) && parser.isSet(test))
        return usageError(QStringLiteral("--limit and --test cannot be combined"));
    if (parser.isSet(limit)) {
        const auto value = parsePositive(parser.value(limit), QStringLiteral("limit"), error);
        if (!value)
            return usageError(error);
        settings.limit = *value;
    }
    if (parser.isSet(test))
        settings.limit = FeatureSettings::TestModeLimit;
    if (parser.isSet(batch)) {
        const auto value = parsePositive(parser.value(batch), QStringLiteral("batch-size"), error);
        if (!value || *value > 1000000)
            return usageError(value ? QStringLiteral("--batch-size must be at most 1000000") : error);
        settings.batchSize = int(*value);
    }
    if (settings.database.isEmpty())
        return usageError(QStringLiteral("--db FILE is required"));
    if (error = settings.validate(); !error.isEmpty())
        return usageError(error);
    // Bad input is refused before anything is opened for writing.
    if (error = RaceDbReader::validate(settings.database); !error.isEmpty())
        return usageError(error);

    settings.workspace = parser.value(QStringLiteral("workspace")); // the job records its run there
    JobEngine engine;
    engine.setWorkers(settings.workers);
    ProgressPrinter printer(engine, QStringLiteral("races"), QStringLiteral("runners"));
    CancelOnSignal cancel([&engine] { engine.cancel(); });
    auto job = std::make_shared<FeatureJob>(settings);
    const JobResult result = engine.run(job);
    const FeatureRunSummary summary = job->summary(result);
    if (const QString warning = summary.warning(); !warning.isEmpty())
        printLine(QStringLiteral("warning: %1").arg(warning));
    if (parser.isSet(QStringLiteral("json")))
        printJson(summary.toJson());
    else
        printLine(QStringLiteral("%1 races, %2 runners, %3 workers, %4 s (read %5 s, compute %6 s, write %7 s)")
                      .arg(summary.races)
                      .arg(summary.runners)
                      .arg(summary.workers)
                      .arg(summary.seconds, 0, 'f', 2)
                      .arg(summary.stages.read, 0, 'f', 2)
                      .arg(summary.stages.compute, 0, 'f', 2)
                      .arg(summary.stages.write, 0, 'f', 2));
    switch (result.status) {
    case JobStatus::Completed:
        return ExitOk;
    case JobStatus::Cancelled:
        return fail(ExitCancelled, QStringLiteral("cancelled; %1 races written").arg(summary.races));
    case JobStatus::Aborted:
    case JobStatus::Failed:
        return fail(ExitFatal, result.error);
    }
    return ExitFatal;
}

int runBenchmark(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run feature generation with each worker count and report the speedup."));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Race database (SQLite)."), QStringLiteral("FILE"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Worker counts, e.g. 1,2,4."),
        QStringLiteral("LIST"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Only the first N eligible races."),
        QStringLiteral("N"));
    const QCommandLineOption repeat(QStringLiteral("repeat"), QStringLiteral("Best of K runs per worker count."),
        QStringLiteral("K"));
    parser.addOptions({ db, workers, limit, repeat, jsonOption(), workspaceHistoryOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;

    BenchmarkSettings settings;
    settings.database = parser.value(db);
    QString error;
    if (settings.database.isEmpty())
        return usageError(QStringLiteral("--db FILE is required"));
    if (parser.isSet(workers)) {
        settings.workers.clear();
        for (const QString& part : parser.value(workers).split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int value = part.trimmed().toInt(&ok);
            if (!ok || value < JobEngine::MinWorkers || value > JobEngine::MaxWorkers)
                return usageError(QStringLiteral("--workers: each count must be between %1 and %2, got '%3'")
                                      .arg(JobEngine::MinWorkers)
                                      .arg(JobEngine::MaxWorkers)
                                      .arg(part));
            settings.workers << value;
        }
        if (settings.workers.isEmpty())
            return usageError(QStringLiteral("--workers needs at least one count"));
    }
    if (parser.isSet(limit)) {
        const auto value = parsePositive(parser.value(limit), QStringLiteral("limit"), error);
        if (!value)
            return usageError(error);
        settings.limit = *value;
    }
    if (parser.isSet(repeat)) {
        const auto value = parsePositive(parser.value(repeat), QStringLiteral("repeat"), error);
        if (!value || *value > 100)
            return usageError(value ? QStringLiteral("--repeat must be at most 100") : error);
        settings.repeat = int(*value);
    }
    if (error = RaceDbReader::validate(settings.database); !error.isEmpty())
        return usageError(error);

    RunRecorder history(parser.value(QStringLiteral("workspace")), QStringLiteral("benchmark-features"),
        settings.toJson(), error);
    if (!error.isEmpty())
        return usageError(error);
    CancelOnSignal cancel([] {}); // the benchmark polls CancelOnSignal::requested() between runs
    const BenchmarkResult result = runFeatureBenchmark(settings, [&](const BenchmarkRow& row) {
        printLine(QStringLiteral("%1 workers: %2 s, speedup %3×, efficiency %4% (read %5 s, compute %6 s, write %7 s)")
                      .arg(row.workers)
                      .arg(row.seconds, 0, 'f', 3)
                      .arg(row.speedup, 0, 'f', 2)
                      .arg(row.efficiency * 100, 0, 'f', 0)
                      .arg(row.stages.read, 0, 'f', 3)
                      .arg(row.stages.compute, 0, 'f', 3)
                      .arg(row.stages.write, 0, 'f', 3));
        return !CancelOnSignal::requested();
    });
    history.finish(CancelOnSignal::requested() ? QStringLiteral("cancelled")
            : result.error.isEmpty()          ? QStringLiteral("completed")
                                              : QStringLiteral("failed"),
        result.toJson());
    if (parser.isSet(QStringLiteral("json")))
        printJson(result.toJson());
    if (CancelOnSignal::requested())
        return fail(ExitCancelled, QStringLiteral("cancelled"));
    if (!result.error.isEmpty())
        return fail(ExitFatal, result.error);
    return ExitOk;
}

const CommandRegistrar features({ "features", "Compute ML features for every runner of every race", &runFeatures });
const CommandRegistrar benchmark({ "benchmark-features", "Measure feature-generation speedup over worker counts",
    &runBenchmark });

} // namespace

} // namespace bfs::cli
