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
extern "C" void onSignal(int) { g_signalled = true; }
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

bool parseArguments(QCommandLineParser& parser, const QStringList& arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList { QStringLiteral("h"), QStringLiteral("help") },
        QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        std::fprintf(stdout, "%s", qUtf8Printable(parser.helpText()));
        std::exit(ExitOk);
    }
    if (!parser.positionalArguments().isEmpty()) {
        usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return false;
    }
    return true;
}

QCommandLineOption workersOption()
{
    return { QStringLiteral("workers"),
        QStringLiteral("Worker threads, %1…%2 (default %3).")
            .arg(JobEngine::MinWorkers)
            .arg(JobEngine::MaxWorkers)
            .arg(JobEngine::defaultWorkers()),
        QStringLiteral("N") };
}

QCommandLineOption jsonOption()
{
    return { QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object on stdout.") };
}

QCommandLineOption databaseOption()
{
    return { QStringLiteral("database"),
        QStringLiteral("Team mode: a shared PostgreSQL database, postgresql://USER@HOST:PORT/DB (password from "
                       "PGPASSWORD or ~/.pgpass)."),
        QStringLiteral("URL") };
}

bool isTeamMode(const QCommandLineParser& parser) { return parser.isSet(databaseOption()); }

std::optional<Workspace> openWorkspace(const QCommandLineParser& parser, const QString& dir, Workspace::Access access,
    int& exitCode)
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

std::optional<qint64> parsePositive(const QString& text, const QString& flag, QString& error, qint64 min)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min) {
        error = QStringLiteral("--%1 must be an integer ≥ %2, got '%3'").arg(flag).arg(min).arg(text);
        return std::nullopt;
    }
    return value;
}

std::optional<int> parseWorkers(const QCommandLineParser& parser, QString& error)
{
    if (!parser.isSet(QStringLiteral("workers")))
        return JobEngine::defaultWorkers();
    bool ok = false;
    const QString text = parser.value(QStringLiteral("workers"));
    const int workers = text.trimmed().toInt(&ok);
    if (!ok || workers < JobEngine::MinWorkers || workers > JobEngine::MaxWorkers) {
        error = QStringLiteral("--workers must be between %1 and %2, got '%3'")
                    .arg(JobEngine::MinWorkers)
                    .arg(JobEngine::MaxWorkers)
                    .arg(text);
        return std::nullopt;
    }
    return workers;
}

std::optional<QDate> parseDateFlag(const QCommandLineParser& parser, const QString& flag, QString& error)
{
    const QString text = parser.value(flag);
    const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!date.isValid()) {
        error = QStringLiteral("--%1 must be a date YYYY-MM-DD, got '%2'").arg(flag, text);
        return std::nullopt;
    }
    return date;
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
    const bool last = p.stage == QStringLiteral("finished");
    if (!m_tty && !last && p.elapsedSeconds - m_lastPlain < 2.0)
        return;
    m_lastPlain = p.elapsedSeconds;
    QString line;
    if (p.total == 0) {
        line = QStringLiteral("%1…").arg(p.stage);
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
        line += QStringLiteral(", %1 %2/s, ETA %3").arg(p.rate, 0, 'f', 1).arg(m_unit, formatDuration(last ? 0 : p.etaSeconds));
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

bool CancelOnSignal::requested() { return g_signalled; }

} // namespace bfs::cli
