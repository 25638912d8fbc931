// `backfill`: odds backfill phase 1 (cli.md, odds-api.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "jobs/JobEngine.h"
#include "odds/BackfillJob.h"
#include "storage/Workspace.h"
#include "util/Dates.h"
#include "util/ExitCode.h"

#include <QProcessEnvironment>

namespace bfs::cli {
namespace {

QCommandLineOption opt(const char* name, const char* help, const char* value = nullptr)
{
    if (!value)
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help));
    return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value));
}

std::optional<QTime> parseTimeFlag(const QString& text)
{
    const QTime t = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (t.isValid())
        return t;
    const QTime withSeconds = QTime::fromString(text, QStringLiteral("HH:mm:ss"));
    return withSeconds.isValid() ? std::optional<QTime>(withSeconds) : std::nullopt;
}

void printHuman(const BackfillSummary& s)
{
    if (s.dryRun) {
        std::printf("dry run: %d of %d dates to fetch, about %lld requests and %lld credits\n", s.datesToFetch,
            s.datesTotal, static_cast<long long>(s.estimatedRequests), static_cast<long long>(s.estimatedCredits));
        return;
    }
    std::printf("dates: %d total, %d done, %d empty, %d failed\n", s.datesTotal, s.datesDone, s.datesEmpty, s.datesFailed);
    std::printf("events: %lld fetched, %lld missing\n", static_cast<long long>(s.eventsFetched),
        static_cast<long long>(s.eventsMissing));
    std::printf("requests: %lld (%lld retries), credits used: %lld, remaining: %s\n",
        static_cast<long long>(s.requests), static_cast<long long>(s.retries), static_cast<long long>(s.creditsUsed),
        s.requestsRemaining ? qPrintable(QString::number(*s.requestsRemaining)) : "unknown");
    for (const auto& f : s.failures)
        std::printf("failed %s: %s\n", qPrintable(f.date.toString(Qt::ISODate)), qPrintable(f.error));
    if (!s.stoppedReason.isEmpty())
        std::printf("stopped: %s\n", qPrintable(s.stoppedReason));
    std::printf("%.1f s\n", s.seconds);
}

// Runs one BackfillJob with the progress line on stderr, warnings and errors logged,
// and SIGINT/SIGTERM cancelling it; `summary` receives the job's summary.
JobResult runJob(const BackfillSettings& settings, const Workspace& workspace, BackfillSummary& summary)
{
    auto job = std::make_shared<BackfillJob>(settings, workspace);
    job->setLogSink([](BackfillLogLevel level, const QString& message) {
        if (level != BackfillLogLevel::Info)
            printLine(message);
    });
    JobEngine engine;
    engine.setWorkers(settings.workers);
    ProgressPrinter progress(engine, QStringLiteral("dates"), QStringLiteral("requests"));
    CancelOnSignal onSignal([&engine] { engine.cancel(); });
    const JobResult result = engine.run(job);
    summary = job->summary();
    return result;
}

int runBackfill(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Odds backfill phase 1: scrape historical odds, one partition per date."));
    parser.addOptions({ opt("workspace", "Workspace folder (created when missing).", "DIR"),
        opt("start", "First date, YYYY-MM-DD.", "D"), opt("end", "Last date, YYYY-MM-DD.", "D"),
        opt("api-base", "API base URL (default https://api.the-odds-api.com).", "URL"),
        opt("api-key", "API key (default: the ODDS_API_KEY environment variable).", "K"),
        opt("sport", "Sport key (default baseball_mlb).", "SPORT"),
        opt("markets", "Markets, comma-separated (default pitcher_strikeouts).", "M"),
        opt("regions", "Regions, comma-separated (default us).", "R"),
        opt("bookmakers", "Bookmakers, comma-separated; replaces --regions.", "B"),
        opt("odds-format", "american or decimal (default american).", "F"),
        opt("events-time", "UTC time of the events request (default 15:00).", "HH:MM"),
        opt("lead-minutes", "Odds snapshot this long before the first pitch (default 60).", "N"),
        opt("odds-time", "Odds snapshot at this fixed UTC time instead.", "HH:MM"), workersOption(),
        opt("rate", "Requests per second over all workers (default 5).", "R"),
        opt("delay-ms", "Fixed gap between requests (default 0).", "N"),
        opt("max-retries", "Retries per request (default 5).", "N"),
        opt("timeout-s", "Request timeout in seconds (default 30).", "N"),
        opt("retry-base-ms", "Backoff base in milliseconds (default 1000).", "N"),
        opt("budget", "Credits this run may spend.", "CREDITS"),
        opt("reserve", "Stop when x-requests-remaining would fall below this.", "CREDITS"),
        opt("retry-failed", "Re-run only the failed dates of the range."),
        opt("dates", "Re-run only these dates (comma-separated, inside the range).", "D,D"),
        opt("newest-first", "Fetch the newest dates first."),
        opt("dry-run", "Print the plan and estimated credits; request nothing."),
        opt("plan-events", "With --dry-run: fetch the 1-credit events lists so the plan counts real games."),
        databaseOption(), opt("lease-s", "Team mode: seconds a claimed date stays this instance's unrenewed (default 60).", "N"),
        jsonOption() });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    auto value = [&parser](const char* name) { return parser.value(QString::fromLatin1(name)); };
    auto isSet = [&parser](const char* name) { return parser.isSet(QString::fromLatin1(name)); };

    BackfillSettings s;
    QString error;
    if (!isSet("workspace"))
        return usageError(QStringLiteral("--workspace is required"));
    if (!isSet("start") || !isSet("end"))
        return usageError(QStringLiteral("--start and --end are required"));
    s.workspace = value("workspace");
    const auto start = parseIsoDate(value("start"));
    if (!start)
        return usageError(QStringLiteral("--start must be a date YYYY-MM-DD, got '%1'").arg(value("start")));
    const auto end = parseIsoDate(value("end"));
    if (!end)
        return usageError(QStringLiteral("--end must be a date YYYY-MM-DD, got '%1'").arg(value("end")));
    s.start = *start;
    s.end = *end;
    if (isSet("api-base"))
        s.apiBase = value("api-base");
    s.apiKey = isSet("api-key") ? value("api-key") : QProcessEnvironment::systemEnvironment().value(QStringLiteral("ODDS_API_KEY"));
    if (isSet("sport"))
        s.sport = value("sport");
    if (isSet("markets"))
        s.markets = splitCommaList(value("markets"));
    if (isSet("regions") && isSet("bookmakers"))
        return usageError(QStringLiteral("--regions and --bookmakers are exclusive"));
    if (isSet("regions"))
        s.regions = splitCommaList(value("regions"));
    if (isSet("bookmakers")) {
        s.bookmakers = splitCommaList(value("bookmakers"));
        s.regions.clear();
    }
    if (isSet("odds-format"))
        s.oddsFormat = value("odds-format");
    if (isSet("events-time")) {
        const auto t = parseTimeFlag(value("events-time"));
        if (!t)
            return usageError(QStringLiteral("--events-time must be HH:MM, got '%1'").arg(value("events-time")));
        s.eventsTime = *t;
    }
    if (isSet("lead-minutes") && isSet("odds-time"))
        return usageError(QStringLiteral("--lead-minutes and --odds-time are exclusive"));
    if (isSet("odds-time")) {
        const auto t = parseTimeFlag(value("odds-time"));
        if (!t)
            return usageError(QStringLiteral("--odds-time must be HH:MM, got '%1'").arg(value("odds-time")));
        s.oddsTime = *t;
    }
    const std::pair<const char*, int*> ints[] = { { "lead-minutes", &s.leadMinutes }, { "delay-ms", &s.delayMs },
        { "max-retries", &s.maxRetries }, { "timeout-s", &s.timeoutSeconds }, { "retry-base-ms", &s.retryBaseMs },
        { "lease-s", &s.leaseSeconds } };
    for (const auto& [name, target] : ints) {
        if (!isSet(name))
            continue;
        const auto v = parsePositive(value(name), QString::fromLatin1(name), error, 0);
        if (!v || *v > 1'000'000)
            return usageError(error.isEmpty() ? QStringLiteral("--%1 is too large").arg(QString::fromLatin1(name)) : error);
        *target = int(*v);
    }
    const auto workers = parseWorkers(parser, error);
    if (!workers)
        return usageError(error);
    s.workers = *workers;
    if (isSet("rate")) {
        bool ok = false;
        s.rate = value("rate").toDouble(&ok);
        if (!ok || !(s.rate > 0))
            return usageError(QStringLiteral("--rate must be a positive number, got '%1'").arg(value("rate")));
    }
    for (const auto& [name, target] : { std::pair<const char*, std::optional<qint64>*> { "budget", &s.budget },
             std::pair<const char*, std::optional<qint64>*> { "reserve", &s.reserve } }) {
        if (!isSet(name))
            continue;
        const auto v = parsePositive(value(name), QString::fromLatin1(name), error, 0);
        if (!v)
            return usageError(error);
        *target = *v;
    }
    s.retryFailedOnly = isSet("retry-failed");
    s.newestFirst = isSet("newest-first");
    s.dryRun = isSet("dry-run");
    if (isSet("dates")) {
        for (const QString& text : splitCommaList(value("dates"))) {
            const auto d = parseIsoDate(text);
            if (!d)
                return usageError(QStringLiteral("--dates: '%1' is not a date YYYY-MM-DD").arg(text));
            s.dates.append(*d);
        }
    }
    if (isSet("lease-s") && !isSet("database"))
        return usageError(QStringLiteral("--lease-s only goes with --database (team mode)"));
    if (const QString invalid = s.validate(); !invalid.isEmpty())
        return usageError(invalid);
    const bool planEvents = isSet("plan-events");
    if (planEvents && !s.dryRun)
        return usageError(QStringLiteral("--plan-events only goes with --dry-run"));
    if ((!s.dryRun || planEvents) && s.apiKey.isEmpty())
        return usageError(QStringLiteral("no API key: pass --api-key or set ODDS_API_KEY"));

    int openFailure = ExitOk;
    auto workspace = openWorkspace(parser, s.workspace, Workspace::Access::ReadWrite, openFailure);
    if (!workspace)
        return openFailure;

    const bool json = parser.isSet(jsonOption());
    if (s.dryRun) {
        BackfillSummary listed;
        int code = ExitOk;
        if (planEvents) {
            BackfillSettings lists = s;
            lists.dryRun = false;
            lists.eventsOnly = true;
            const JobResult result = runJob(lists, *workspace, listed);
            code = result.status == JobStatus::Completed ? ExitOk
                : result.status == JobStatus::Cancelled  ? ExitCancelled
                                                         : ExitFatal;
            if (code != ExitOk)
                listed.stoppedReason = result.error.isEmpty() ? QStringLiteral("cancelled") : result.error;
        }
        auto summary = BackfillJob::dryRun(s, *workspace, error);
        if (!summary)
            return fail(ExitFatal, error);
        summary->requests = listed.requests;
        summary->retries = listed.retries;
        summary->creditsUsed = listed.creditsUsed;
        summary->requestsRemaining = listed.requestsRemaining;
        summary->stoppedReason = listed.stoppedReason;
        json ? printJson(summary->toJson()) : printHuman(*summary);
        return code;
    }

    BackfillSummary summary;
    const JobResult result = runJob(s, *workspace, summary);
    summary.seconds = result.seconds;
    int code = ExitOk;
    switch (result.status) {
    case JobStatus::Completed:
        code = summary.datesFailed > 0 ? ExitPartialFailure : ExitOk;
        break;
    case JobStatus::Cancelled:
        summary.stoppedReason = QStringLiteral("cancelled");
        code = ExitCancelled;
        break;
    case JobStatus::Aborted:
        summary.stoppedReason = result.error;
        code = ExitFatal;
        break;
    case JobStatus::Failed:
        summary.stoppedReason = result.error;
        code = ExitFatal;
        printLine(QStringLiteral("backfill-studio-cli: %1").arg(result.error));
        break;
    }
    json ? printJson(summary.toJson()) : printHuman(summary);
    return code;
}

CommandRegistrar registrar({ "backfill", "Odds backfill phase 1: fetch historical odds into the workspace's raw/.",
    &runBackfill });

} // namespace
} // namespace bfs::cli
