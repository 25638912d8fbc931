// `sample-races` (cli.md, "Demo and test data").
#include "CliCommand.h"
#include "CliSupport.h"
#include "features/SampleRaceDb.h"
#include "util/ExitCode.h"

#include <QElapsedTimer>

namespace bfs::cli {

namespace {

int runSampleRaces(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a deterministic sample race database."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Database file to write."), QStringLiteral("FILE"));
    const QCommandLineOption races(QStringLiteral("races"), QStringLiteral("Number of races (default 45000)."),
        QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S"));
    parser.addOptions({ out, races, seed });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (parser.value(out).isEmpty())
        return usageError(QStringLiteral("--out FILE is required"));
    SampleRaceOptions options;
    QString error;
    if (parser.isSet(races)) {
        const auto value = parsePositive(parser.value(races), QStringLiteral("races"), error);
        if (!value || *value > 10000000)
            return usageError(value ? QStringLiteral("--races must be at most 10000000") : error);
        options.races = int(*value);
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("--seed must be a non-negative integer, got '%1'").arg(parser.value(seed)));
    }
    QElapsedTimer timer;
    timer.start();
    if (!writeSampleRaceDb(parser.value(out), options, error))
        return fail(ExitFatal, error);
    printLine(QStringLiteral("wrote %1 races to %2 in %3 s")
                  .arg(options.races)
                  .arg(parser.value(out))
                  .arg(timer.elapsed() / 1000.0, 0, 'f', 2));
    return ExitOk;
}

const CommandRegistrar registrar({ "sample-races", "Write a deterministic sample race database", &runSampleRaces });

} // namespace

} // namespace bfs::cli
