// `backfill`: odds backfill phase 1 (cli.md, odds-api.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
#include "jobs/JobEngine.h"
#include "odds/scrape/BackfillJob.h"
#include "storage/Workspace.h"
#include "util/Dates.h"
#include "util/ExitCode.h"

#include <QProcessEnvironment>

namespace bfs::cli {
namespace {

QString humanSummary(const BackfillSummary& s)
{
    if (s.dryRun)
        return QStringLiteral("dry run: %1 of %2 dates to fetch, about %3 requests and %4 credits")
            .arg(s.datesToFetch)
            .arg(s.datesTotal)
            .arg(s.estimatedRequests)
            .arg(s.estimatedCredits);
    QString text = QStringLiteral("dates: %1 total, %2 done, %3 empty, %4 failed\n")
                       .arg(s.datesTotal)
                       .arg(s.datesDone)
                       .arg(s.datesEmpty)
                       .arg(s.datesFailed);
    text += QStringLiteral("events: %1 fetched, %2 missing\n").arg(s.eventsFetched).arg(s.eventsMissing);
    text += QStringLiteral("requests: %1 (%2 retries), credits used: %3, remaining: %4\n")
                .arg(s.requests)
                .arg(s.retries)
                .arg(s.creditsUsed)
                .arg(s.requestsRemaining ? QString::number(*s.requestsRemaining) : QStringLiteral("unknown"));
    for (const auto& f : s.failures)
        text += QStringLiteral("failed %1: %2\n").arg(f.date.toString(Qt::ISODate), f.error);
    if (!s.stoppedReason.isEmpty())
        text += QStringLiteral("stopped: %1\n").arg(s.stoppedReason);
    return text + QStringLiteral("%1 s").arg(s.seconds, 0, 'f', 1);
}

// Every backfill flag, its help text showing the default BackfillSettings holds.
void declareFlags(CommandFlags& flags)
{
    const BackfillSettings d;
    auto list = [](const QStringList& items) { return items.join(u','); };
    flags
        .add(QStringLiteral("workspace"), QStringLiteral("Workspace folder (created when missing)."),
            QStringLiteral("DIR"))
        .add(QStringLiteral("start"), QStringLiteral("First date, YYYY-MM-DD."), QStringLiteral("D"))
        .add(QStringLiteral("end"), QStringLiteral("Last date, YYYY-MM-DD."), QStringLiteral("D"))
        .add(QStringLiteral("api-base"), QStringLiteral("API base URL (default %1).").arg(d.apiBase),
            QStringLiteral("URL"))
        .add(QStringLiteral("api-key"), QStringLiteral("API key (default: the ODDS_API_KEY environment variable)."),
            QStringLiteral("K"))
        .add(QStringLiteral("sport"), QStringLiteral("Sport key (default %1).").arg(d.sport), QStringLiteral("SPORT"))
        .add(QStringLiteral("markets"), QStringLiteral("Markets, comma-separated (default %1).").arg(list(d.markets)),
            QStringLiteral("M"))
        .add(QStringLiteral("regions"), QStringLiteral("Regions, comma-separated (default %1).").arg(list(d.regions)),
            QStringLiteral("R"))
        .add(QStringLiteral("bookmakers"), QStringLiteral("Bookmakers, comma-separated; replaces --regions."),
            QStringLiteral("B"))
        .add(QStringLiteral("odds-format"), QStringLiteral("american or decimal (default %1).").arg(d.oddsFormat),
            QStringLiteral("F"))
        .add(QStringLiteral("events-time"),
            QStringLiteral("UTC time of the events request (default %1).")
                .arg(d.eventsTime.toString(QStringLiteral("HH:mm"))),
            QStringLiteral("HH:MM"))
        .add(QStringLiteral("lead-minutes"),
            QStringLiteral("Odds snapshot this long before the first pitch (default %1).").arg(d.leadMinutes),
            QStringLiteral("N"))
        .add(QStringLiteral("odds-time"), QStringLiteral("Odds snapshot at this fixed UTC time instead."),
            QStringLiteral("HH:MM"))
        .addWorkers()
        .add(QStringLiteral("rate"), QStringLiteral("Requests per second over all workers (default %1).").arg(d.rate),
            QStringLiteral("R"))
        .add(QStringLiteral("delay-ms"), QStringLiteral("Fixed gap between requests (default %1).").arg(d.delayMs),
            QStringLiteral("N"))
        .add(QStringLiteral("max-retries"), QStringLiteral("Retries per request (default %1).").arg(d.maxRetries),
            QStringLiteral("N"))
        .add(QStringLiteral("timeout-s"),
            QStringLiteral("Request timeout in seconds (default %1).").arg(d.timeoutSeconds), QStringLiteral("N"))
        .add(QStringLiteral("retry-base-ms"),
            QStringLiteral("Backoff base in milliseconds (default %1).").arg(d.retryBaseMs), QStringLiteral("N"))
        .add(QStringLiteral("budget"), QStringLiteral("Credits this run may spend."), QStringLiteral("CREDITS"))
        .add(QStringLiteral("reserve"), QStringLiteral("Stop when x-requests-remaining would fall below this."),
            QStringLiteral("CREDITS"))
        .add(QStringLiteral("retry-failed"), QStringLiteral("Re-run only the failed dates of the range."))
        .add(QStringLiteral("dates"), QStringLiteral("Re-run only these dates (comma-separated, inside the range)."),
            QStringLiteral("D,D"))
        .add(QStringLiteral("newest-first"), QStringLiteral("Fetch the newest dates first."))
        .add(QStringLiteral("dry-run"), QStringLiteral("Print the plan and estimated credits; request nothing."))
        .add(QStringLiteral("plan-events"),
            QStringLiteral("With --dry-run: fetch the 1-credit events lists so the plan counts real games."))
        .addDatabase()
        .add(QStringLiteral("lease-s"),
            QStringLiteral("Team mode: seconds a claimed date stays this instance's unrenewed (default %1).")
                .arg(d.leaseSeconds),
            QStringLiteral("N"))
        .addJson();
}

// The settings the flags describe (BackfillSettings' defaults where a flag is absent), or
// nullopt with flags.error() naming the first problem.
std::optional<BackfillSettings> settingsFromFlags(CommandFlags& flags)
{
    BackfillSettings s;
    constexpr qint64 Large = 1'000'000;
    const bool ok = flags.require(QStringLiteral("workspace"))
        && flags.readPath(QStringLiteral("workspace"), s.workspace) && flags.readDateRange(s.start, s.end)
        && flags.readPath(QStringLiteral("api-base"), s.apiBase) && flags.readPath(QStringLiteral("sport"), s.sport)
        && flags.readList(QStringLiteral("markets"), s.markets)
        && flags.exclusive(QStringLiteral("regions"), QStringLiteral("bookmakers"))
        && flags.readList(QStringLiteral("regions"), s.regions)
        && flags.readList(QStringLiteral("bookmakers"), s.bookmakers)
        && flags.readPath(QStringLiteral("odds-format"), s.oddsFormat)
        && flags.readTime(QStringLiteral("events-time"), s.eventsTime)
        && flags.exclusive(QStringLiteral("lead-minutes"), QStringLiteral("odds-time"))
        && flags.readInt(QStringLiteral("lead-minutes"), 0, 24 * 60, s.leadMinutes)
        && flags.readTime(QStringLiteral("odds-time"), s.oddsTime) && flags.readWorkers(s.workers)
        && flags.readNumber(QStringLiteral("rate"), 0, CommandFlags::Unbounded, s.rate, CommandFlags::Bound::Exclusive)
        && flags.readInt(QStringLiteral("delay-ms"), 0, Large, s.delayMs)
        && flags.readInt(QStringLiteral("max-retries"), 0, 100, s.maxRetries)
        && flags.readInt(QStringLiteral("timeout-s"), 1, 3600, s.timeoutSeconds)
        && flags.readInt(QStringLiteral("retry-base-ms"), 0, Large, s.retryBaseMs)
        && flags.readInt(QStringLiteral("budget"), 0, CommandFlags::NoMax, s.budget)
        && flags.readInt(QStringLiteral("reserve"), 0, CommandFlags::NoMax, s.reserve)
        && flags.onlyWith(QStringLiteral("lease-s"), QStringLiteral("database"), QStringLiteral("(team mode)"))
        && flags.readInt(QStringLiteral("lease-s"), 5, 3600, s.leaseSeconds)
        && flags.onlyWith(QStringLiteral("plan-events"), QStringLiteral("dry-run"))
        && flags.readDateList(QStringLiteral("dates"), s.dates);
    if (!ok)
        return std::nullopt;
    if (flags.isSet(QStringLiteral("bookmakers")))
        s.regions.clear();
    s.apiKey = flags.isSet(QStringLiteral("api-key"))
        ? flags.text(QStringLiteral("api-key"))
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("ODDS_API_KEY"));
    s.retryFailedOnly = flags.isSet(QStringLiteral("retry-failed"));
    s.newestFirst = flags.isSet(QStringLiteral("newest-first"));
    s.dryRun = flags.isSet(QStringLiteral("dry-run"));
    if (const QString invalid = s.validate(); !invalid.isEmpty()) {
        flags.reject(invalid);
        return std::nullopt;
    }
    if ((!s.dryRun || flags.isSet(QStringLiteral("plan-events"))) && s.apiKey.isEmpty()) {
        flags.reject(QStringLiteral("no API key: pass --api-key or set ODDS_API_KEY"));
        return std::nullopt;
    }
    return s;
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
    CommandFlags flags(QStringLiteral("Odds backfill phase 1: scrape historical odds, one partition per date."));
    declareFlags(flags);
    if (!flags.parse(arguments))
        return flags.exitCode();
    const auto settings = settingsFromFlags(flags);
    if (!settings)
        return flags.usageError();
    const BackfillSettings& s = *settings;
    const bool planEvents = flags.isSet(QStringLiteral("plan-events"));

    int openFailure = ExitOk;
    auto workspace = openWorkspace(flags.parser(), s.workspace, Workspace::Access::ReadWrite, openFailure);
    if (!workspace)
        return openFailure;

    if (s.dryRun) {
        BackfillSummary listed;
        int code = ExitOk;
        if (planEvents) {
            BackfillSettings lists = s;
            lists.dryRun = false;
            lists.eventsOnly = true;
            const JobResult result = runJob(lists, *workspace, listed);
            code = exitCodeFor(result);
            if (code != ExitOk)
                listed.stoppedReason = result.error.isEmpty() ? QStringLiteral("cancelled") : result.error;
        }
        QString error;
        auto summary = BackfillJob::dryRun(s, *workspace, error);
        if (!summary)
            return fail(ExitFatal, error);
        summary->requests = listed.requests;
        summary->retries = listed.retries;
        summary->creditsUsed = listed.creditsUsed;
        summary->requestsRemaining = listed.requestsRemaining;
        summary->stoppedReason = listed.stoppedReason;
        printResult(flags.json(), summary->toJson(), humanSummary(*summary));
        return code;
    }

    BackfillSummary summary;
    const JobResult result = runJob(s, *workspace, summary);
    summary.seconds = result.seconds;
    if (result.status == JobStatus::Cancelled)
        summary.stoppedReason = QStringLiteral("cancelled");
    else if (!result.ok())
        summary.stoppedReason = result.error;
    if (result.status == JobStatus::Failed)
        printLine(QStringLiteral("backfill-studio-cli: %1").arg(result.error));
    printResult(flags.json(), summary.toJson(), humanSummary(summary));
    return exitCodeFor(result, summary.datesFailed > 0);
}

CommandRegistrar registrar(
    { "backfill", "Odds backfill phase 1: fetch historical odds into the workspace's raw/.", &runBackfill });

} // namespace
} // namespace bfs::cli
