#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class RunsPage;
}

namespace bfs {
struct RunRecord;
}

namespace bfs::app {

class RunsTableModel;

// The Runs screen: every recorded run of the workspace (features, benchmarks, backfills,
// loads), its configuration and summary, a side-by-side comparison of two runs, and a
// run's own report (an HTML page in the workspace's reports/ folder).
class RunsPage final : public QWidget {
    Q_OBJECT
public:
    explicit RunsPage(QWidget* parent = nullptr);
    ~RunsPage() override;

    void setWorkspaceDir(const QString& dir);
    void refresh();
    RunsTableModel* model() const { return m_model; }

    // Selects rows and shows their comparison / details.
    void select(const QList<int>& rows);
    QString detailsHtml() const;
    // Writes reports/run-<id>.html for the selected run; returns its path ("" on error).
    QString writeRunReport();

    static QString compareHtml(const RunRecord& a, const RunRecord& b);
    static QString runHtml(const RunRecord& run);

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showSelection();
    QList<int> selectedRows() const;

    std::unique_ptr<Ui::RunsPage> m_ui;
    RunsTableModel* m_model;
    QString m_workspaceDir;
    bool m_loading = false;
};

} // namespace bfs::app
