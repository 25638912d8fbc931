// `features` and `benchmark-features` (cli.md, "Feature generation").
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "features/FeatureBenchmark.h"
#include "features/FeatureJob.h"
#include "features/RaceDbReader.h"
#include "jobs/JobEngine.h"
#include "util/ExitCode.h"

#include <algorithm>

namespace bfs::cli {

namespace {

int runFeatures(const QStringList& arguments)
{
    FeatureSettings settings;
    CommandFlags flags(QStringLiteral("Compute the `features` table of a race database."));
    flags.add(QStringLiteral("db"), QStringLiteral("Race database (SQLite)."), QStringLiteral("FILE"))
        .add(QStringLiteral("out-db"), QStringLiteral("Write `features` into this database instead of the input."),
            QStringLiteral("FILE"))
        .addWorkers()
        .add(QStringLiteral("limit"), QStringLiteral("Only the first N eligible races."), QStringLiteral("N"))
        .add(QStringLiteral("test"), QStringLiteral("Test mode: --limit %1.").arg(FeatureSettings::TestModeLimit))
        .add(QStringLiteral("batch-size"),
            QStringLiteral("Races per unit of work (default %1).").arg(settings.batchSize), QStringLiteral("N"))
        .addJson()
        .add(workspaceHistoryOption());
    if (!flags.parse(arguments))
        return flags.exitCode();
    if (!flags.require(QStringLiteral("db")) || !flags.readPath(QStringLiteral("db"), settings.database)
        || !flags.readPath(QStringLiteral("out-db"), settings.outputDatabase) || !flags.readWorkers(settings.workers)
        || !flags.exclusive(QStringLiteral("limit"), QStringLiteral("test"))
        || !flags.readInt(QStringLiteral("limit"), 1, CommandFlags::NoMax, settings.limit)
        || !flags.readInt(QStringLiteral("batch-size"), 1, 1'000'000, settings.batchSize))
        return flags.usageError();
    if (flags.isSet(QStringLiteral("test")))
        settings.limit = FeatureSettings::TestModeLimit;
    QString error;
    if (error = settings.validate(); !error.isEmpty())
        return usageError(error);
    // Bad input is refused before anything is opened for writing.
    if (error = RaceDbReader::validate(settings.database); !error.isEmpty())
        return usageError(error);

    settings.workspace = flags.text(QStringLiteral("workspace")); // the job records its run there
    JobEngine engine;
    engine.setWorkers(settings.workers);
    ProgressPrinter printer(engine, QStringLiteral("races"), QStringLiteral("runners"));
    CancelOnSignal cancel([&engine] { engine.cancel(); });
    auto job = std::make_shared<FeatureJob>(settings);
    const JobResult result = engine.run(job);
    const FeatureRunSummary summary = job->summary(result);
    if (const QString warning = summary.warning(); !warning.isEmpty())
        printLine(QStringLiteral("warning: %1").arg(warning));
    printResult(flags.json(), summary.toJson(),
        QStringLiteral("%1 races, %2 runners, %3 workers, %4 s (read %5 s, compute %6 s, write %7 s)")
            .arg(summary.races)
            .arg(summary.runners)
            .arg(summary.workers)
            .arg(summary.seconds, 0, 'f', 2)
            .arg(summary.stages.read, 0, 'f', 2)
            .arg(summary.stages.compute, 0, 'f', 2)
            .arg(summary.stages.write, 0, 'f', 2));
    if (result.status == JobStatus::Cancelled)
        printLine(QStringLiteral("cancelled; %1 races written").arg(summary.races));
    else if (!result.ok())
        printLine(QStringLiteral("backfill-studio-cli: %1").arg(result.error));
    return exitCodeFor(result);
}

int runBenchmark(const QStringList& arguments)
{
    BenchmarkSettings settings;
    CommandFlags flags(QStringLiteral("Run feature generation with each worker count and report the speedup."));
    auto counts = [](const QList<int>& list) {
        QStringList parts;
        for (const int n : list)
            parts << QString::number(n);
        return parts.join(u',');
    };
    flags.add(QStringLiteral("db"), QStringLiteral("Race database (SQLite)."), QStringLiteral("FILE"))
        .add(QStringLiteral("workers"),
            QStringLiteral("Worker counts, e.g. 1,2,4 (default %1).").arg(counts(settings.workers)),
            QStringLiteral("LIST"))
        .add(QStringLiteral("limit"), QStringLiteral("Only the first N eligible races."), QStringLiteral("N"))
        .add(QStringLiteral("repeat"),
            QStringLiteral("Best of K runs per worker count (default %1).").arg(settings.repeat), QStringLiteral("K"))
        .addJson()
        .add(workspaceHistoryOption());
    if (!flags.parse(arguments))
        return flags.exitCode();
    if (!flags.require(QStringLiteral("db")) || !flags.readPath(QStringLiteral("db"), settings.database)
        || !flags.readIntList(QStringLiteral("workers"), JobEngine::MinWorkers, JobEngine::MaxWorkers, settings.workers)
        || !flags.readInt(QStringLiteral("limit"), 1, CommandFlags::NoMax, settings.limit)
        || !flags.readInt(QStringLiteral("repeat"), 1, 100, settings.repeat))
        return flags.usageError();
    QString error;
    if (error = RaceDbReader::validate(settings.database); !error.isEmpty())
        return usageError(error);

    settings.workspace = flags.text(QStringLiteral("workspace")); // the benchmark records its run there
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
    const auto best = std::max_element(result.runs.cbegin(), result.runs.cend(),
        [](const BenchmarkRow& a, const BenchmarkRow& b) { return a.speedup < b.speedup; });
    printResult(flags.json(), result.toJson(),
        best == result.runs.cend() ? QStringLiteral("no run finished")
                                   : QStringLiteral("best speedup %1× with %2 workers (%3 s)")
                                         .arg(best->speedup, 0, 'f', 2)
                                         .arg(best->workers)
                                         .arg(best->seconds, 0, 'f', 3));
    if (CancelOnSignal::requested())
        return fail(ExitCancelled, QStringLiteral("cancelled"));
    if (!result.error.isEmpty())
        return fail(ExitFatal, result.error);
    return ExitOk;
}

const CommandRegistrar features({ "features", "Compute ML features for every runner of every race", &runFeatures });
const CommandRegistrar benchmark(
    { "benchmark-features", "Measure feature-generation speedup over worker counts", &runBenchmark });

} // namespace

} // namespace bfs::cli
