#pragma once

#include "storage/Workspace.h"

#include "jobs/JobProgress.h"
#include "odds/load/LoadJob.h"

#include <QWidget>

#include <optional>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace bfs {
class JobEngine;
}

namespace bfs::app {

// Phase 2 on the Backfill screen: loads the workspace's raw event files into
// betting_lines (LineLoader on its own JobEngine), with a files progress bar, the rows
// inserted, and a "Load lines" button. The Backfill screen starts it when a fetch
// ends, so the Evaluate screen always sees what was fetched. Each load is recorded in
// the run history like the CLI's `load`.
class LoadPanel final : public QWidget {
    Q_OBJECT
public:
    explicit LoadPanel(QWidget* parent = nullptr);
    ~LoadPanel() override;

    void setWorkspace(const bfs::Workspace& workspace);
    bool load(); // false when busy or without a workspace
    bool isRunning() const;
    const LoadSummary& lastSummary() const { return m_summary; }
    QString statusText() const;

Q_SIGNALS:
    void loadFinished(bool ok);

private:
    void onProgress(const JobProgress& progress);
    void onFinished(const JobResult& result);

    JobEngine* m_engine;
    QProgressBar* m_bar;
    QLabel* m_status;
    QPushButton* m_button;
    std::optional<Workspace> m_workspace;
    std::shared_ptr<LoadJob> m_job;
    LoadSummary m_summary;
};

} // namespace bfs::app
