// `backfill-studio-cli sample-predictions`: demo predictions for the simulator's pitchers (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"

#include "evaluation/SamplePredictions.h"
#include "simulator/SimulatorOptions.h"
#include "util/ExitCode.h"

#include <QCommandLineParser>
#include <QSaveFile>

namespace bfs::cli {

namespace {

int runSamplePredictions(const QStringList& arguments)
{
    quint64 seed = sim::SimulatorOptions().seed;
    CommandFlags flags(
        QStringLiteral("Write a predictions CSV for the simulator's starting pitchers, with actual strikeouts."));
    flags.add(QStringLiteral("out"), QStringLiteral("CSV file to write."), QStringLiteral("CSV"))
        .add(QStringLiteral("start"), QStringLiteral("First game date."), QStringLiteral("D"))
        .add(QStringLiteral("end"), QStringLiteral("Last game date."), QStringLiteral("D"))
        .add(QStringLiteral("seed"), QStringLiteral("Season seed, the same as simulate-api's (default %1).").arg(seed),
            QStringLiteral("S"))
        .addJson();
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString out;
    QDate from, to;
    if (!flags.require(QStringLiteral("out")) || !flags.readPath(QStringLiteral("out"), out)
        || !flags.readDateRange(from, to) || !flags.readSeed(seed))
        return flags.usageError();

    const auto predictions = SamplePredictions::generate(seed, from, to);
    // QSaveFile: a failed write never leaves half a CSV where the old one was.
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(SamplePredictions::toCsv(predictions)) < 0 || !file.commit())
        return fail(ExitFatal, QStringLiteral("cannot write %1: %2").arg(out, file.errorString()));
    printResult(flags.json(), { { "predictions", predictions.size() }, { "out", out.toStdString() }, { "seed", seed } },
        QStringLiteral("wrote %1 predictions to %2").arg(predictions.size()).arg(out));
    return ExitOk;
}

CommandRegistrar registrar(
    { "sample-predictions", "Write demo predictions for the simulator's pitchers", &runSamplePredictions });

} // namespace

} // namespace bfs::cli
