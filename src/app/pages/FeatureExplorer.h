#pragma once

#include "FutureSupport.h"

#include <QWidget>

#include <memory>

namespace Ui {
class FeatureExplorer;
}

namespace bfs {
struct ColumnStats;
}

namespace bfs::app {

class FeatureTableModel;

// The Features screen's Explorer tab: the `features` table in a lazily paged view
// with SQL filter and sort, a statistics panel for the selected column and CSV
// export. Counting, statistics and export run on the thread pool with their own
// connections; only page reads touch the GUI thread.
class FeatureExplorer final : public QWidget {
    Q_OBJECT
public:
    explicit FeatureExplorer(QWidget* parent = nullptr);
    ~FeatureExplorer() override;

    // Shows the features table of `databasePath` (the run's target database).
    void setDatabase(const QString& databasePath);
    // Drops the connection so a run can rewrite the table; refresh() reopens.
    void release();
    void refresh();
    // Writes the filtered, sorted rows to `csvPath` on the pool; exportFinished reports.
    void exportCsvTo(const QString& csvPath);

    FeatureTableModel* model() const { return m_model; }
    qint64 totalRows() const { return m_totalRows; } // -1 while counting

Q_SIGNALS:
    void totalRowsChanged(qint64 rows);
    void statsReady(const QString& column);
    void exportFinished(const QString& csvPath, qint64 rows, const QString& error);

private:
    void applyFilter();
    void clearFilter();
    void updateColumns();
    void updateCount();
    void updateStats();
    void showStats(const ColumnStats& stats);
    void updateStatus();
    void exportCsv();

    std::unique_ptr<Ui::FeatureExplorer> m_ui;
    FeatureTableModel* m_model;
    QString m_database;
    QString m_openError;
    qint64 m_totalRows = -1;
    JobTracker m_counts; // the filtered row count
    JobTracker m_stats; // the selected column's statistics
    bool m_exporting = false;
};

} // namespace bfs::app
