#pragma once

#include "storage/Workspace.h"

#include <QUrl>
#include <QWidget>

#include <optional>

#include <functional>
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

    void setWorkspace(const bfs::Workspace& workspace);
    void refresh();
    RunsTableModel* model() const { return m_model; }

    // Selects rows and shows their comparison / details.
    void select(const QList<int>& rows);
    QString detailsHtml() const;
    // Writes reports/run-<id>.html for the selected run; returns its path ("" on error).
    QString writeRunReport();

    static QString compareHtml(const RunRecord& a, const RunRecord& b);
    static QString runHtml(const RunRecord& run);
    static QString durationText(const RunRecord& run); // "4.2 s", "1 min 05 s", or why there is none
    static QString errorOf(const RunRecord& run); // the recorded error of a failed run
    // Opens a written report; when no application does, the page shows where the file is.
    void openReport(const QString& path);
    QString reportText() const; // what the page says about the last report ("" before one)
    void setUrlOpener(std::function<bool(const QUrl&)> opener) { m_openUrl = std::move(opener); } // tests

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showSelection();
    QList<int> selectedRows() const;

    std::unique_ptr<Ui::RunsPage> m_ui;
    RunsTableModel* m_model;
    std::optional<Workspace> m_workspace;
    bool m_loading = false;
    std::function<bool(const QUrl&)> m_openUrl;
};

} // namespace bfs::app
