#pragma once

#include "FutureSupport.h"
#include "jobs/JobProgress.h"
#include "odds/scrape/BackfillJob.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/BackfillSummary.h"
#include "storage/Workspace.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class BackfillPage;
}

namespace bfs {
class JobEngine;
}
namespace bfs::charts {
class ProgressChart;
}

namespace bfs::app {

class LoadPanel;
class TeamPanel;
class PartitionCalendarModel;
class WorkerStatusModel;

// The Backfill screen (odds phase 1): the run form (date range with calendar pickers,
// season presets and validation, API base and key, workers, rate, budget), the plan
// and its estimated credits, Start / Pause / Resume / Cancel, the partition calendar
// coloured by state with retry on failed dates, the per-worker table, the phase-1
// progress bar, a throughput chart, the quota and a filterable log. The job runs on the
// page's JobEngine; the page listens to throttled signals and reads the partition
// table off the GUI thread. The API key lives in the form (or ODDS_API_KEY) only.
class BackfillPage final : public QWidget {
    Q_OBJECT
public:
    explicit BackfillPage(QWidget* parent = nullptr);
    ~BackfillPage() override;

    void setWorkspace(const bfs::Workspace& workspace);
    QString workspaceDir() const { return m_workspace ? m_workspace->dir() : QString(); }
    // Demo mode: fills the form for this session only; the base URL, key and rate are
    // not written to the preferences when a run starts.
    void useSession(const QString& apiBase, const QString& apiKey, QDate start, QDate end, double rate);

    BackfillSettings settings() const; // from the form
    QString validationError() const; // empty when the form is usable

    bool start();
    bool retryFailed();
    bool retryDates(const QList<QDate>& dates);
    void pause();
    void resume();
    void cancel();
    bool isRunning() const;

    JobEngine* engine() const { return m_engine; }
    PartitionCalendarModel* calendarModel() const { return m_calendar; }
    WorkerStatusModel* workerModel() const { return m_workers; }
    charts::ProgressChart* throughputChart() const { return m_chart; }
    LoadPanel* loadPanel() const { return m_loadPanel; } // phase 2, started when a fetch ends
    TeamPanel* teamPanel() const { return m_teamPanel; } // team mode's instances
    const BackfillSummary& lastSummary() const { return m_summary; }
    QString errorText() const;
    QString planText() const;
    QStringList logLines() const; // as currently filtered in the view

    // The next launch after "quit and resume later": a banner over the form, with the
    // range filled in, offers to continue the interrupted run.
    void offerResume(QDate start, QDate end);
    bool isResumeOffered() const;

Q_SIGNALS:
    void runStarted();
    void runFinished(bool ok);
    void partitionsRefreshed();
    void planReady();
    void logReceived(int level, const QString& message); // from worker threads, queued
    void resumeOfferAnswered(bool resumed);

private:
    bool startWith(BackfillSettings settings);
    void applyPreset(int index);
    void chooseDates(); // the date-range dialog
    void onFormChanged();
    void updatePlan();
    void refreshPartitions();
    void onProgress(const JobProgress& progress);
    void showStats(const JobProgress& progress, bool paused);
    void onFinished(const JobResult& result);
    void appendLog(int level, const QString& message);
    void rerenderLog();
    bool passesFilter(int level, const QString& message) const;
    void updateButtons();
    void showError(const QString& message);
    void clearError();

    std::unique_ptr<Ui::BackfillPage> m_ui;
    JobEngine* m_engine;
    PartitionCalendarModel* m_calendar;
    WorkerStatusModel* m_workers;
    charts::ProgressChart* m_chart;
    std::shared_ptr<BackfillJob> m_job;
    BackfillSummary m_summary;
    std::optional<Workspace> m_workspace;
    LoadPanel* m_loadPanel = nullptr;
    TeamPanel* m_teamPanel = nullptr;
    bool m_sessionOnly = false; // demo: nothing from the form is persisted
    QTimer m_planTimer;
    QTimer m_refreshTimer; // reads the calendar while a run goes
    bool m_refreshPending = false;
    JobProgress m_lastProgress;
    double m_perSecond = 0;
    QElapsedTimer m_lastRefresh;
    bool m_refreshing = false;
    bool m_running = false;
    double m_lastSampleSeconds = 0;
    qint64 m_lastSampleItems = 0;
    JobTracker m_plans;
    JobTracker m_refreshes;
    QList<std::pair<int, QString>> m_log;
};

} // namespace bfs::app
