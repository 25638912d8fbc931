// `sample-races` (cli.md, "Demo and test data").
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "features/SampleRaceDb.h"
#include "util/ExitCode.h"

#include <QElapsedTimer>

namespace bfs::cli {

namespace {

int runSampleRaces(const QStringList& arguments)
{
    SampleRaceOptions options;
    CommandFlags flags(QStringLiteral("Write a deterministic sample race database."));
    flags.add(QStringLiteral("out"), QStringLiteral("Database file to write."), QStringLiteral("FILE"))
        .add(QStringLiteral("races"), QStringLiteral("Number of races (default %1).").arg(options.races),
            QStringLiteral("N"))
        .add(
            QStringLiteral("seed"), QStringLiteral("Random seed (default %1).").arg(options.seed), QStringLiteral("S"));
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString out;
    if (!flags.require(QStringLiteral("out")) || !flags.readPath(QStringLiteral("out"), out)
        || !flags.readInt(QStringLiteral("races"), 1, 10'000'000, options.races) || !flags.readSeed(options.seed))
        return flags.usageError();
    QString error;
    QElapsedTimer timer;
    timer.start();
    if (!writeSampleRaceDb(out, options, error))
        return fail(ExitFatal, error);
    printResult(false, {},
        QStringLiteral("wrote %1 races to %2 in %3 s")
            .arg(options.races)
            .arg(out)
            .arg(timer.elapsed() / 1000.0, 0, 'f', 2));
    return ExitOk;
}

const CommandRegistrar registrar({ "sample-races", "Write a deterministic sample race database", &runSampleRaces });

} // namespace

} // namespace bfs::cli
