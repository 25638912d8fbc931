#pragma once

#include "FutureSupport.h"
#include "storage/Workspace.h"

#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QTableView;

namespace bfs::app {

class TeamInstancesModel;

// The Backfill screen's Team panel (team.md), shown when the workspace uses a team database:
// the instances working on it now, read every two seconds off the GUI thread. refreshed() is
// emitted after each read, so the calendar can be read again at the same pace.
class TeamPanel final : public QWidget {
    Q_OBJECT
public:
    explicit TeamPanel(QWidget* parent = nullptr);

    // Shows and polls for a workspace bound to a team database; hides otherwise.
    void setWorkspace(const bfs::Workspace& workspace);
    TeamInstancesModel* model() const { return m_model; }
    void refresh();

Q_SIGNALS:
    void refreshed();

private:
    std::optional<Workspace> m_workspace; // only a team workspace
    QLabel* m_summary;
    QTableView* m_view;
    TeamInstancesModel* m_model;
    QTimer m_timer;
    bool m_reading = false;
    JobTracker m_reads;
    QThreadPool m_reader; // one thread, which keeps the panel's one database connection
};

} // namespace bfs::app
