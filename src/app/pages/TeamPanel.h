#pragma once

#include <QTimer>
#include <QWidget>

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
    void setWorkspace(const QString& dir);
    TeamInstancesModel* model() const { return m_model; }
    void refresh();

Q_SIGNALS:
    void refreshed();

private:
    QString m_workspaceDir;
    QLabel* m_summary;
    QTableView* m_view;
    TeamInstancesModel* m_model;
    QTimer m_timer;
    bool m_reading = false;
    int m_generation = 0;
};

} // namespace bfs::app
