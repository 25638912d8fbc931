// `simulate-api`: the built-in Odds API simulator as a process (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "simulator/SimulatorServer.h"
#include "util/ExitCode.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace bfs::cli {
namespace {

int runSimulateApi(const QStringList& arguments)
{
    const sim::SimulatorOptions d;
    const auto F = QStringLiteral("F");
    CommandFlags flags(QStringLiteral("Serve an Odds-API-compatible simulator on 127.0.0.1."));
    flags
        .add(QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free one (default 0)."),
            QStringLiteral("P"))
        .add(QStringLiteral("seed"), QStringLiteral("Season seed (default %1).").arg(d.seed), QStringLiteral("S"))
        .add(QStringLiteral("latency-ms"), QStringLiteral("Mean response delay, ±25 % jitter."), QStringLiteral("L"))
        .add(QStringLiteral("error-rate"), QStringLiteral("Fraction of requests answered 500."), F)
        .add(QStringLiteral("rate-429"), QStringLiteral("Fraction of requests answered 429 with Retry-After."), F)
        .add(QStringLiteral("rate-204"),
            QStringLiteral("Fraction of event-odds requests answered 204 No Content (an empty snapshot)."), F)
        .add(QStringLiteral("retry-after"),
            QStringLiteral("Retry-After seconds on 429, -1 for no Retry-After header (default %1).")
                .arg(d.retryAfterSeconds),
            QStringLiteral("S"))
        .add(
            QStringLiteral("malformed-rate"), QStringLiteral("Fraction of requests answered with a truncated body."), F)
        .add(QStringLiteral("missing-rate"), QStringLiteral("Fraction of events whose odds answer 404."), F)
        .add(QStringLiteral("rate-limit"), QStringLiteral("Requests per second before 429 (default unlimited)."),
            QStringLiteral("R"))
        .add(
            QStringLiteral("key"), QStringLiteral("Required API key (401 INVALID_KEY otherwise)."), QStringLiteral("K"))
        .add(QStringLiteral("quota"), QStringLiteral("Credits available (401 OUT_OF_USAGE_CREDITS after)."),
            QStringLiteral("CREDITS"))
        .add(QStringLiteral("request-log"),
            QStringLiteral("On exit, write one line per request to FILE: arrival and answer times (ms since start), "
                           "status, request (key masked)."),
            QStringLiteral("FILE"));
    if (!flags.parse(arguments))
        return flags.exitCode();

    sim::SimulatorOptions options;
    int port = 0;
    bool ok = flags.readInt(QStringLiteral("port"), 0, 65535, port) && flags.readSeed(options.seed)
        && flags.readInt(QStringLiteral("latency-ms"), 0, 600'000, options.latencyMs)
        && flags.readInt(QStringLiteral("retry-after"), -1, 3600, options.retryAfterSeconds)
        && flags.readNumber(
            QStringLiteral("rate-limit"), 0, CommandFlags::Unbounded, options.rateLimit, CommandFlags::Bound::Exclusive)
        && flags.readInt(QStringLiteral("quota"), 1, CommandFlags::NoMax, options.quota);
    for (const auto& [name, target] :
        { std::pair { "error-rate", &options.errorRate }, std::pair { "rate-429", &options.rate429 },
            std::pair { "rate-204", &options.rate204 }, std::pair { "malformed-rate", &options.malformedRate },
            std::pair { "missing-rate", &options.missingRate } })
        ok = ok && flags.readNumber(QString::fromLatin1(name), 0, 1, *target);
    if (!ok)
        return flags.usageError();
    options.requiredKey = flags.text(QStringLiteral("key"));
    QString requestLog;
    if (!flags.readPath(QStringLiteral("request-log"), requestLog))
        return flags.usageError();
    QString error;

    sim::SimulatorServer server(options);
    const quint16 bound = server.start(quint16(port), error);
    if (bound == 0)
        return fail(ExitFatal, error);
    std::fprintf(stdout, "listening on http://127.0.0.1:%u\n", unsigned(bound));
    std::fflush(stdout);
    CancelOnSignal onSignal([] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    printLine(QStringLiteral("served %1 requests, %2 credits").arg(server.requestCount()).arg(server.creditsUsed()));
    if (!requestLog.isEmpty()) {
        QSaveFile file(requestLog);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
            return fail(ExitFatal, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        QTextStream out(&file);
        out << "arrived_ms\tanswered_ms\tstatus\trequest\n";
        for (const sim::RequestTiming& t : server.requestTimings())
            out << QString::number(t.arrived * 1000, 'f', 3) << '\t'
                << (t.answered < 0 ? QStringLiteral("-") : QString::number(t.answered * 1000, 'f', 3)) << '\t'
                << t.status << '\t' << t.request << '\n';
        out.flush();
        if (!file.commit())
            return fail(ExitFatal, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    }
    return ExitOk;
}

CommandRegistrar registrar(
    { "simulate-api", "Serve the built-in Odds API simulator on a loopback port.", &runSimulateApi });

} // namespace
} // namespace bfs::cli
