#pragma once

#include <QByteArray>
#include <QDate>
#include <QFileInfo>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace bfs {

// The one typed wrapper over QSettings: every persisted preference has a getter with
// its default and a setter here, so no widget spells a settings key. The API key is
// deliberately absent (see the GUI's SecretStore).
class AppSettings {
public:
    AppSettings(); // the application's QSettings (organization/application names)
    explicit AppSettings(const QString& iniPath); // tests

    // Performance
    int workers() const;
    void setWorkers(int workers);

    // Workspace and window
    QString lastWorkspace() const;
    void setLastWorkspace(const QString& dir);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    int lastPage() const;
    void setLastPage(int page);
    bool welcomeShown() const;
    void setWelcomeShown(bool shown);

    // Features screen
    QString featuresDatabase() const;
    void setFeaturesDatabase(const QString& path);
    QString featuresOutputDatabase() const;
    void setFeaturesOutputDatabase(const QString& path);
    int featuresBatchSize() const;
    void setFeaturesBatchSize(int size);
    int featuresLimit() const; // 0 = all races
    void setFeaturesLimit(int limit);

    // Odds API
    QString apiBaseUrl() const;
    void setApiBaseUrl(const QString& url);
    QString sport() const;
    void setSport(const QString& sport);
    QStringList markets() const;
    void setMarkets(const QStringList& markets);
    QString regions() const;
    void setRegions(const QString& regions);
    QString bookmakers() const; // non-empty replaces regions
    void setBookmakers(const QString& bookmakers);
    QString oddsFormat() const;
    void setOddsFormat(const QString& format);
    QString eventsTime() const; // HH:MM UTC
    void setEventsTime(const QString& time);
    int leadMinutes() const;
    void setLeadMinutes(int minutes);
    QString oddsTime() const; // HH:MM UTC; empty = lead-minutes rule
    void setOddsTime(const QString& time);
    double rateLimit() const; // requests per second
    void setRateLimit(double rate);
    int delayMs() const;
    void setDelayMs(int ms);
    int maxRetries() const;
    void setMaxRetries(int retries);
    int timeoutSeconds() const;
    void setTimeoutSeconds(int seconds);
    qint64 budget() const; // credits; 0 = none
    void setBudget(qint64 credits);
    qint64 reserve() const; // stop when x-requests-remaining falls below
    void setReserve(qint64 credits);
    bool newestFirst() const;
    void setNewestFirst(bool newestFirst);

    // Evaluation
    double minEdge() const;
    void setMinEdge(double edge);

    // Where each kind of file dialog starts: the folder last used for that kind.
    enum class FileKind { Workspace, RaceDatabase, OutputDatabase, Report, FeaturesCsv, Benchmark };
    // The folder last chosen for kind; empty when none yet.
    QString lastDirectory(FileKind kind) const;
    // Remembers the folder of path (a file) or path itself (a folder).
    void setLastDirectory(FileKind kind, const QString& path);
    // Where a dialog for kind starts: the last folder (with fileName when given), else fallback.
    QString dialogStart(FileKind kind, const QString& fallback, const QString& fileName = {}) const;

    // A backfill the user quit in the middle of ("quit and resume later"): offered again
    // when its workspace next opens. Invalid when there is none.
    struct InterruptedBackfill {
        QString workspace;
        QDate start;
        QDate end;
        bool isValid() const { return !workspace.isEmpty() && start.isValid() && end.isValid(); }
    };
    InterruptedBackfill interruptedBackfill() const;
    void setInterruptedBackfill(const InterruptedBackfill& run);
    void clearInterruptedBackfill();

    void sync();

private:
    QSettings m_settings;
};

} // namespace bfs
