// `backfill-studio-cli sample-predictions`: demo predictions for the simulator's pitchers (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"

#include "evaluation/SamplePredictions.h"
#include "util/ExitCode.h"

#include <QCommandLineParser>
#include <QSaveFile>

namespace bfs::cli {

namespace {

int runSamplePredictions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write a predictions CSV for the simulator's starting pitchers, with actual strikeouts."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("CSV file to write."), QStringLiteral("CSV"));
    const QCommandLineOption start(QStringLiteral("start"), QStringLiteral("First game date."), QStringLiteral("D"));
    const QCommandLineOption end(QStringLiteral("end"), QStringLiteral("Last game date."), QStringLiteral("D"));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Season seed, the same as simulate-api's (default 42)."), QStringLiteral("S"));
    parser.addOptions({ out, start, end, seed });
    parser.addOption(jsonOption());
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    for (const auto* required : { &out, &start, &end }) {
        if (!parser.isSet(*required) || parser.value(*required).isEmpty())
            return usageError(QStringLiteral("--%1 is required").arg(required->names().first()));
    }
    QString error;
    const auto from = parseDateFlag(parser, QStringLiteral("start"), error);
    if (!from)
        return usageError(error);
    const auto to = parseDateFlag(parser, QStringLiteral("end"), error);
    if (!to)
        return usageError(error);
    if (*to < *from)
        return usageError(QStringLiteral("--end %1 is before --start %2")
                              .arg(to->toString(Qt::ISODate), from->toString(Qt::ISODate)));
    quint64 seedValue = 42;
    if (parser.isSet(seed)) {
        bool ok = false;
        seedValue = parser.value(seed).trimmed().toULongLong(&ok);
        if (!ok)
            return usageError(
                QStringLiteral("--seed must be a non-negative integer, got '%1'").arg(parser.value(seed)));
    }

    const auto predictions = SamplePredictions::generate(seedValue, *from, *to);
    // QSaveFile: a failed write never leaves half a CSV where the old one was.
    QSaveFile file(parser.value(out));
    if (!file.open(QIODevice::WriteOnly) || file.write(SamplePredictions::toCsv(predictions)) < 0 || !file.commit())
        return fail(ExitFatal, QStringLiteral("cannot write %1: %2").arg(parser.value(out), file.errorString()));
    printLine(QStringLiteral("wrote %1 predictions to %2").arg(predictions.size()).arg(parser.value(out)));
    if (parser.isSet(QStringLiteral("json")))
        printJson({ { "predictions", predictions.size() }, { "out", parser.value(out).toStdString() },
            { "seed", seedValue } });
    return ExitOk;
}

CommandRegistrar registrar(
    { "sample-predictions", "Write demo predictions for the simulator's pitchers", &runSamplePredictions });

} // namespace

} // namespace bfs::cli
