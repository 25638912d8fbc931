#pragma once

#include "storage/Workspace.h"

#include "features/FeatureJob.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

#include <memory>

namespace Ui {
class FeaturesPage;
}

namespace bfs {
class JobEngine;
}
namespace bfs::charts {
class ProgressChart;
}

namespace bfs {
}

namespace bfs::app {

class FeatureExplorer;

// The Features screen: the form of a feature-generation run (databases, workers,
// limit / test mode, batch size), Start / Cancel, live progress (bar, stage, rate,
// ETA, a chart of races done over time), the finished run's summary, and the
// Explorer tab over the written table. The job runs on the page's JobEngine; the
// page only listens to its throttled signals.
class FeaturesPage final : public QWidget {
    Q_OBJECT
public:
    explicit FeaturesPage(QWidget* parent = nullptr);
    ~FeaturesPage() override;

    FeatureSettings settings() const;
    // Runs are recorded in this workspace's history (the Runs screen and reports).
    void setWorkspace(const bfs::Workspace& workspace);
    void setDatabase(const QString& path);
    void setOutputDatabase(const QString& path);

    // Validates the form and starts the job; false (with the problem shown on the
    // page) when the form is refused or a run is already going.
    bool start();
    void cancel();
    bool isRunning() const;

    // Writes a sample race database off the GUI thread, then selects it.
    void createSampleDatabase(const QString& path, int races, quint64 seed);
    void openBenchmark();

    // Re-reads the Performance preference (workers) when no run is going.
    void reloadPreferences();

    JobEngine* engine() const { return m_engine; }
    charts::ProgressChart* progressChart() const { return m_chart; }
    FeatureExplorer* explorer() const;
    const FeatureRunSummary& lastSummary() const { return m_summary; }
    QString errorText() const; // the banner's text, empty when hidden

Q_SIGNALS:
    void runStarted();
    void runFinished(bool ok);
    void sampleDatabaseReady(const QString& path, const QString& error);

private:
    void browseDatabase();
    void browseOutput();
    void askSampleDatabase();
    void onProgress(const JobProgress& progress);
    void onFinished(const JobResult& result);
    void setRunning(bool running);
    void showError(const QString& message);
    void clearError();
    void saveForm() const;

    std::unique_ptr<Ui::FeaturesPage> m_ui;
    JobEngine* m_engine;
    charts::ProgressChart* m_chart;
    std::shared_ptr<FeatureJob> m_job;
    QString m_workspaceDir; // where the job records its run
    FeatureRunSummary m_summary;
    bool m_creatingSample = false;
    // The engine reports only when a count changes; this clock and timer keep the
    // chart's time axis moving through the read stage and the final commit.
    QElapsedTimer m_clock;
    QTimer* m_tick;
    qint64 m_lastDone = 0;
};

} // namespace bfs::app
