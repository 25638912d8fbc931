#include "AppSettings.h"

#include "evaluation/Grader.h"
#include "features/FeatureSettings.h"
#include "jobs/JobEngine.h"
#include "odds/scrape/BackfillSettings.h"

namespace bfs {

namespace {
// The defaults are the engine's own (one copy: the CLI's help reads the same structs).
const BackfillSettings& backfillDefaults()
{
    static const BackfillSettings defaults;
    return defaults;
}

// Keys live only in this file.
#define BFS_KEY(name, text) const QString name = QStringLiteral(text)
BFS_KEY(kWorkers, "performance/workers");
BFS_KEY(kRate, "performance/rateLimit");
BFS_KEY(kDelay, "performance/delayMs");
BFS_KEY(kRetries, "performance/maxRetries");
BFS_KEY(kTimeout, "performance/timeoutSeconds");
BFS_KEY(kBudget, "performance/budget");
BFS_KEY(kReserve, "performance/reserve");
BFS_KEY(kNewestFirst, "performance/newestFirst");
BFS_KEY(kWorkspace, "workspace/last");
BFS_KEY(kGeometry, "window/geometry");
BFS_KEY(kState, "window/state");
BFS_KEY(kPage, "window/page");
BFS_KEY(kWelcome, "window/welcomeShown");
BFS_KEY(kFeaturesDb, "features/database");
BFS_KEY(kFeaturesOut, "features/outputDatabase");
BFS_KEY(kBatch, "features/batchSize");
BFS_KEY(kLimit, "features/limit");
BFS_KEY(kBaseUrl, "api/baseUrl");
BFS_KEY(kSport, "api/sport");
BFS_KEY(kMarkets, "api/markets");
BFS_KEY(kRegions, "api/regions");
BFS_KEY(kBookmakers, "api/bookmakers");
BFS_KEY(kOddsFormat, "api/oddsFormat");
BFS_KEY(kEventsTime, "api/eventsTime");
BFS_KEY(kLead, "api/leadMinutes");
BFS_KEY(kOddsTime, "api/oddsTime");
BFS_KEY(kMinEdge, "evaluation/minEdge");
BFS_KEY(kLastDirs, "dialogs/lastDirectory/");
BFS_KEY(kInterrupted, "backfill/interrupted/");
#undef BFS_KEY

QString fileKindKey(AppSettings::FileKind kind)
{
    switch (kind) {
    case AppSettings::FileKind::Workspace:
        return kLastDirs + QStringLiteral("workspace");
    case AppSettings::FileKind::RaceDatabase:
        return kLastDirs + QStringLiteral("raceDatabase");
    case AppSettings::FileKind::OutputDatabase:
        return kLastDirs + QStringLiteral("outputDatabase");
    case AppSettings::FileKind::Report:
        return kLastDirs + QStringLiteral("report");
    case AppSettings::FileKind::FeaturesCsv:
        return kLastDirs + QStringLiteral("featuresCsv");
    case AppSettings::FileKind::Benchmark:
        return kLastDirs + QStringLiteral("benchmark");
    }
    return kLastDirs + QStringLiteral("other");
}
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString& iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
{
}

int AppSettings::workers() const
{
    return std::clamp(
        m_settings.value(kWorkers, JobEngine::defaultWorkers()).toInt(), JobEngine::MinWorkers, JobEngine::MaxWorkers);
}
void AppSettings::setWorkers(int workers)
{
    m_settings.setValue(kWorkers, workers);
}

QString AppSettings::lastWorkspace() const
{
    return m_settings.value(kWorkspace).toString();
}
void AppSettings::setLastWorkspace(const QString& dir)
{
    m_settings.setValue(kWorkspace, dir);
}
QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kGeometry, geometry);
}
QByteArray AppSettings::windowState() const
{
    return m_settings.value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray& state)
{
    m_settings.setValue(kState, state);
}
int AppSettings::lastPage() const
{
    return m_settings.value(kPage, 0).toInt();
}
void AppSettings::setLastPage(int page)
{
    m_settings.setValue(kPage, page);
}
bool AppSettings::welcomeShown() const
{
    return m_settings.value(kWelcome, false).toBool();
}
void AppSettings::setWelcomeShown(bool shown)
{
    m_settings.setValue(kWelcome, shown);
}

QString AppSettings::featuresDatabase() const
{
    return m_settings.value(kFeaturesDb).toString();
}
void AppSettings::setFeaturesDatabase(const QString& path)
{
    m_settings.setValue(kFeaturesDb, path);
}
QString AppSettings::featuresOutputDatabase() const
{
    return m_settings.value(kFeaturesOut).toString();
}
void AppSettings::setFeaturesOutputDatabase(const QString& path)
{
    m_settings.setValue(kFeaturesOut, path);
}
int AppSettings::featuresBatchSize() const
{
    return std::max(1, m_settings.value(kBatch, FeatureSettings().batchSize).toInt());
}
void AppSettings::setFeaturesBatchSize(int size)
{
    m_settings.setValue(kBatch, size);
}
int AppSettings::featuresLimit() const
{
    return std::max(0, m_settings.value(kLimit, 0).toInt());
}
void AppSettings::setFeaturesLimit(int limit)
{
    m_settings.setValue(kLimit, limit);
}

QString AppSettings::apiBaseUrl() const
{
    return m_settings.value(kBaseUrl, backfillDefaults().apiBase).toString();
}
void AppSettings::setApiBaseUrl(const QString& url)
{
    m_settings.setValue(kBaseUrl, url);
}
QString AppSettings::sport() const
{
    return m_settings.value(kSport, backfillDefaults().sport).toString();
}
void AppSettings::setSport(const QString& sport)
{
    m_settings.setValue(kSport, sport);
}
QStringList AppSettings::markets() const
{
    return m_settings.value(kMarkets, backfillDefaults().markets).toStringList();
}
void AppSettings::setMarkets(const QStringList& markets)
{
    m_settings.setValue(kMarkets, markets);
}
QString AppSettings::regions() const
{
    return m_settings.value(kRegions, backfillDefaults().regions.join(u',')).toString();
}
void AppSettings::setRegions(const QString& regions)
{
    m_settings.setValue(kRegions, regions);
}
QString AppSettings::bookmakers() const
{
    return m_settings.value(kBookmakers).toString();
}
void AppSettings::setBookmakers(const QString& bookmakers)
{
    m_settings.setValue(kBookmakers, bookmakers);
}
QString AppSettings::oddsFormat() const
{
    return m_settings.value(kOddsFormat, backfillDefaults().oddsFormat).toString();
}
void AppSettings::setOddsFormat(const QString& format)
{
    m_settings.setValue(kOddsFormat, format);
}
QString AppSettings::eventsTime() const
{
    return m_settings.value(kEventsTime, backfillDefaults().eventsTime.toString(QStringLiteral("HH:mm"))).toString();
}
void AppSettings::setEventsTime(const QString& time)
{
    m_settings.setValue(kEventsTime, time);
}
int AppSettings::leadMinutes() const
{
    return m_settings.value(kLead, backfillDefaults().leadMinutes).toInt();
}
void AppSettings::setLeadMinutes(int minutes)
{
    m_settings.setValue(kLead, minutes);
}
QString AppSettings::oddsTime() const
{
    return m_settings.value(kOddsTime).toString();
}
void AppSettings::setOddsTime(const QString& time)
{
    m_settings.setValue(kOddsTime, time);
}
double AppSettings::rateLimit() const
{
    return m_settings.value(kRate, backfillDefaults().rate).toDouble();
}
void AppSettings::setRateLimit(double rate)
{
    m_settings.setValue(kRate, rate);
}
int AppSettings::delayMs() const
{
    return m_settings.value(kDelay, backfillDefaults().delayMs).toInt();
}
void AppSettings::setDelayMs(int ms)
{
    m_settings.setValue(kDelay, ms);
}
int AppSettings::maxRetries() const
{
    return m_settings.value(kRetries, backfillDefaults().maxRetries).toInt();
}
void AppSettings::setMaxRetries(int retries)
{
    m_settings.setValue(kRetries, retries);
}
int AppSettings::timeoutSeconds() const
{
    return m_settings.value(kTimeout, backfillDefaults().timeoutSeconds).toInt();
}
void AppSettings::setTimeoutSeconds(int seconds)
{
    m_settings.setValue(kTimeout, seconds);
}
qint64 AppSettings::budget() const
{
    return m_settings.value(kBudget, 0).toLongLong();
}
void AppSettings::setBudget(qint64 credits)
{
    m_settings.setValue(kBudget, credits);
}
qint64 AppSettings::reserve() const
{
    return m_settings.value(kReserve, 0).toLongLong();
}
void AppSettings::setReserve(qint64 credits)
{
    m_settings.setValue(kReserve, credits);
}
bool AppSettings::newestFirst() const
{
    return m_settings.value(kNewestFirst, false).toBool();
}
void AppSettings::setNewestFirst(bool newestFirst)
{
    m_settings.setValue(kNewestFirst, newestFirst);
}

double AppSettings::minEdge() const
{
    return m_settings.value(kMinEdge, Grader::DefaultMinEdge).toDouble();
}
void AppSettings::setMinEdge(double edge)
{
    m_settings.setValue(kMinEdge, edge);
}

QString AppSettings::lastDirectory(FileKind kind) const
{
    return m_settings.value(fileKindKey(kind)).toString();
}

void AppSettings::setLastDirectory(FileKind kind, const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    m_settings.setValue(fileKindKey(kind), info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString AppSettings::dialogStart(FileKind kind, const QString& fallback, const QString& fileName) const
{
    const QString last = lastDirectory(kind);
    if (last.isEmpty() || !QFileInfo(last).isDir())
        return fallback;
    return fileName.isEmpty() ? last : last + u'/' + fileName;
}

AppSettings::InterruptedBackfill AppSettings::interruptedBackfill() const
{
    InterruptedBackfill run;
    run.workspace = m_settings.value(kInterrupted + QStringLiteral("workspace")).toString();
    run.start = QDate::fromString(m_settings.value(kInterrupted + QStringLiteral("start")).toString(), Qt::ISODate);
    run.end = QDate::fromString(m_settings.value(kInterrupted + QStringLiteral("end")).toString(), Qt::ISODate);
    return run;
}

void AppSettings::setInterruptedBackfill(const InterruptedBackfill& run)
{
    m_settings.setValue(kInterrupted + QStringLiteral("workspace"), run.workspace);
    m_settings.setValue(kInterrupted + QStringLiteral("start"), run.start.toString(Qt::ISODate));
    m_settings.setValue(kInterrupted + QStringLiteral("end"), run.end.toString(Qt::ISODate));
}

void AppSettings::clearInterruptedBackfill()
{
    m_settings.remove(kInterrupted.chopped(1));
}

void AppSettings::sync()
{
    m_settings.sync();
}

} // namespace bfs
