#include "CliSupport.h"

#include "jobs/JobEngine.h"
#include "util/ExitCode.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace bfs::cli {

namespace {
std::atomic<bool> g_signalled { false };
extern "C" void onSignal(int)
{
    g_signalled = true;
}
} // namespace

int usageError(const QString& message)
{
    std::fprintf(stderr, "backfill-studio-cli: error: %s\n", qUtf8Printable(message));
    return ExitUsage;
}

int fail(int code, const QString& message)
{
    std::fprintf(stderr, "backfill-studio-cli: %s\n", qUtf8Printable(message));
    return code;
}

void printLine(const QString& line)
{
    std::fprintf(stderr, "%s\n", qUtf8Printable(line));
    std::fflush(stderr);
}

void printJson(const nlohmann::json& summary)
{
    const std::string text = summary.dump(2);
    std::fprintf(stdout, "%s\n", text.c_str());
    std::fflush(stdout);
}

void printResult(bool asJson, const nlohmann::json& json, const QString& human)
{
    if (asJson) {
        printJson(json);
        return;
    }
    std::fputs(qUtf8Printable(human.endsWith(u'\n') ? human : human + u'\n'), stdout);
    std::fflush(stdout);
}

int exitCodeFor(const JobResult& result, bool partial)
{
    switch (result.status) {
    case JobStatus::Completed:
        return partial ? ExitPartialFailure : ExitOk;
    case JobStatus::Cancelled:
        return ExitCancelled;
    case JobStatus::Aborted:
    case JobStatus::Failed:
        return ExitFatal;
    }
    return ExitFatal;
}

QCommandLineOption databaseOption()
{
    return { QStringLiteral("database"),
        QStringLiteral("Team mode: a shared PostgreSQL database, postgresql://USER@HOST:PORT/DB (password from "
                       "PGPASSWORD or ~/.pgpass)."),
        QStringLiteral("URL") };
}

bool isTeamMode(const QCommandLineParser& parser)
{
    return parser.isSet(databaseOption());
}

std::optional<Workspace> openWorkspace(
    const QCommandLineParser& parser, const QString& dir, Workspace::Access access, int& exitCode)
{
    QString error;
    std::optional<Workspace> workspace;
    if (isTeamMode(parser)) {
        const auto url = DatabaseUrl::parse(parser.value(databaseOption()), error);
        if (!url) {
            exitCode = usageError(error);
            return std::nullopt;
        }
        workspace = Workspace::openTeam(dir, *url, error);
    } else {
        workspace = Workspace::open(dir, error, access);
    }
    if (!workspace)
        exitCode = fail(ExitFatal, error);
    return workspace;
}

QCommandLineOption workspaceHistoryOption()
{
    return { QStringLiteral("workspace"), QStringLiteral("Record this run in the workspace's run history."),
        QStringLiteral("DIR") };
}

QString formatDuration(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--");
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60)
        return QStringLiteral("%1s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

ProgressPrinter::ProgressPrinter(JobEngine& engine, QString unit, QString itemUnit)
    : m_unit(std::move(unit))
    , m_itemUnit(std::move(itemUnit))
    , m_tty(isatty(STDERR_FILENO))
{
    QObject::connect(&engine, &JobEngine::progressChanged, &engine, [this](const JobProgress& p) { print(p); });
}

ProgressPrinter::~ProgressPrinter()
{
    if (m_lineOpen)
        std::fprintf(stderr, "\n");
}

void ProgressPrinter::print(const JobProgress& p)
{
    const bool last = p.stage == JobStage::Finished;
    if (!m_tty && !last && p.elapsedSeconds - m_lastPlain < 2.0)
        return;
    m_lastPlain = p.elapsedSeconds;
    QString line;
    if (p.total == 0) {
        line = QStringLiteral("%1…").arg(jobStageName(p.stage));
    } else {
        // Failed units are counted apart, never as progress.
        const qint64 succeeded = p.done - p.failed;
        line = QStringLiteral("%1/%2 %3 (%4%)")
                   .arg(succeeded)
                   .arg(p.total)
                   .arg(m_unit)
                   .arg(100.0 * double(succeeded) / double(p.total), 0, 'f', 1);
        if (!m_itemUnit.isEmpty())
            line += QStringLiteral(", %1 %2").arg(p.items).arg(m_itemUnit);
        if (p.failed > 0)
            line += QStringLiteral(", %1 failed").arg(p.failed);
        line += QStringLiteral(", %1 %2/s, ETA %3")
                    .arg(p.rate, 0, 'f', 1)
                    .arg(m_unit, formatDuration(last ? 0 : p.etaSeconds));
        if (p.paused)
            line += QStringLiteral(" [paused]");
    }
    if (m_tty) {
        std::fprintf(stderr, "\r\033[K%s", qUtf8Printable(line));
        m_lineOpen = true;
        if (last) {
            std::fprintf(stderr, "\n");
            m_lineOpen = false;
        }
    } else {
        std::fprintf(stderr, "%s\n", qUtf8Printable(line));
    }
    std::fflush(stderr);
}

CancelOnSignal::CancelOnSignal(std::function<void()> onCancel)
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto* timer = new QTimer(QCoreApplication::instance());
    timer->setObjectName(QStringLiteral("bfs-signal-poll"));
    QObject::connect(timer, &QTimer::timeout, timer, [timer, onCancel] {
        if (g_signalled) {
            timer->stop();
            onCancel();
        }
    });
    timer->start(50);
}

CancelOnSignal::~CancelOnSignal()
{
    if (auto* timer = QCoreApplication::instance()->findChild<QTimer*>(QStringLiteral("bfs-signal-poll")))
        timer->deleteLater();
}

bool CancelOnSignal::requested()
{
    return g_signalled;
}

} // namespace bfs::cli
