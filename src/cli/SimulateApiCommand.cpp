// `simulate-api`: the built-in Odds API simulator as a process (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "simulator/SimulatorServer.h"
#include "util/ExitCode.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace bfs::cli {
namespace {

std::optional<double> parseFraction(const QString& text, const QString& flag, QString& error)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 1) {
        error = QStringLiteral("--%1 must be a fraction between 0 and 1, got '%2'").arg(flag, text);
        return std::nullopt;
    }
    return value;
}

int runSimulateApi(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Serve an Odds-API-compatible simulator on 127.0.0.1."));
    const auto opt = [](const char* name, const char* help, const char* value) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value));
    };
    parser.addOptions({ opt("port", "Port to listen on; 0 picks a free one (default 0).", "P"),
        opt("seed", "Season seed (default 42).", "S"), opt("latency-ms", "Mean response delay, ±25 % jitter.", "L"),
        opt("error-rate", "Fraction of requests answered 500.", "F"),
        opt("rate-429", "Fraction of requests answered 429 with Retry-After.", "F"),
        opt("rate-204", "Fraction of event-odds requests answered 204 No Content (an empty snapshot).", "F"),
        opt("retry-after", "Retry-After seconds on 429 (default 1).", "S"),
        opt("malformed-rate", "Fraction of requests answered with a truncated body.", "F"),
        opt("missing-rate", "Fraction of events whose odds answer 404.", "F"),
        opt("rate-limit", "Requests per second before 429 (default unlimited).", "R"),
        opt("key", "Required API key (401 INVALID_KEY otherwise).", "K"),
        opt("quota", "Credits available (401 OUT_OF_USAGE_CREDITS after).", "CREDITS"),
        opt("request-log", "On exit, write one line per request to FILE: arrival and answer times (ms since start), "
                           "status, request (key masked).", "FILE") });
    if (!parseArguments(parser, arguments))
        return ExitUsage;

    sim::SimulatorOptions options;
    QString error;
    auto value = [&parser](const char* name) { return parser.value(QString::fromLatin1(name)); };
    auto isSet = [&parser](const char* name) { return parser.isSet(QString::fromLatin1(name)); };
    qint64 port = 0;
    if (isSet("port")) {
        const auto p = parsePositive(value("port"), QStringLiteral("port"), error, 0);
        if (!p || *p > 65535)
            return usageError(error.isEmpty() ? QStringLiteral("--port must be 0…65535, got '%1'").arg(value("port")) : error);
        port = *p;
    }
    if (isSet("seed")) {
        const auto s = parsePositive(value("seed"), QStringLiteral("seed"), error, 0);
        if (!s)
            return usageError(error);
        options.seed = quint64(*s);
    }
    if (isSet("latency-ms")) {
        const auto l = parsePositive(value("latency-ms"), QStringLiteral("latency-ms"), error, 0);
        if (!l)
            return usageError(error);
        options.latencyMs = int(*l);
    }
    if (isSet("retry-after")) {
        const auto r = parsePositive(value("retry-after"), QStringLiteral("retry-after"), error, 0);
        if (!r)
            return usageError(error);
        options.retryAfterSeconds = int(*r);
    }
    const std::pair<const char*, double*> fractions[] = { { "error-rate", &options.errorRate },
        { "rate-429", &options.rate429 }, { "rate-204", &options.rate204 }, { "malformed-rate", &options.malformedRate },
        { "missing-rate", &options.missingRate } };
    for (const auto& [name, target] : fractions) {
        if (!isSet(name))
            continue;
        const auto f = parseFraction(value(name), QString::fromLatin1(name), error);
        if (!f)
            return usageError(error);
        *target = *f;
    }
    if (isSet("rate-limit")) {
        bool ok = false;
        options.rateLimit = value("rate-limit").toDouble(&ok);
        if (!ok || options.rateLimit <= 0)
            return usageError(QStringLiteral("--rate-limit must be a positive number, got '%1'").arg(value("rate-limit")));
    }
    if (isSet("quota")) {
        const auto q = parsePositive(value("quota"), QStringLiteral("quota"), error, 1);
        if (!q)
            return usageError(error);
        options.quota = *q;
    }
    options.requiredKey = value("key");

    sim::SimulatorServer server(options);
    const quint16 bound = server.start(quint16(port), error);
    if (bound == 0)
        return fail(ExitFatal, error);
    std::fprintf(stdout, "listening on http://127.0.0.1:%u\n", unsigned(bound));
    std::fflush(stdout);
    CancelOnSignal onSignal([] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    printLine(QStringLiteral("served %1 requests, %2 credits").arg(server.requestCount()).arg(server.creditsUsed()));
    if (isSet("request-log")) {
        QSaveFile file(value("request-log"));
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

CommandRegistrar registrar({ "simulate-api", "Serve the built-in Odds API simulator on a loopback port.", &runSimulateApi });

} // namespace
} // namespace bfs::cli
