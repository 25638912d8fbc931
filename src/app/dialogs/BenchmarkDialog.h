#pragma once

#include "features/FeatureBenchmark.h"

#include <QDialog>

#include <atomic>
#include <memory>

namespace Ui {
class BenchmarkDialog;
}
namespace bfs::charts {
class SpeedupChart;
}

namespace bfs::app {

class BenchmarkTableModel;

// Features ▸ Benchmark speedup: runs the feature job with 1…N workers (or a list) on
// the pool, one row per worker count as it is measured, into a table (workers,
// seconds, speedup, efficiency, read / compute / write) and a speedup chart against
// the ideal line. Cancel stops after the run in flight. CSV export of the table.
class BenchmarkDialog final : public QDialog {
    Q_OBJECT
public:
    explicit BenchmarkDialog(QWidget* parent = nullptr);
    ~BenchmarkDialog() override;

    void setDatabase(const QString& path);
    void setMaxWorkers(int workers);
    void setWorkerList(const QString& list); // "1, 2, 4"; empty = 1…max workers
    void setLimit(int races);
    void setRepeat(int repeat);
    void setBatchSize(int batchSize);
    void setWorkspace(const QString& dir); // the benchmark records its run there; empty: nowhere

    // The worker counts the form asks for; empty with `error` naming a bad entry.
    QList<int> workerCounts(QString& error) const;

    bool start(); // false (with the problem shown) when the form is refused
    void cancel();
    bool isRunning() const { return m_running; }
    bool exportCsv(const QString& path, QString& error) const;

    BenchmarkTableModel* model() const { return m_model; }
    charts::SpeedupChart* chart() const { return m_chart; }
    QString statusText() const;

    void reject() override;

Q_SIGNALS:
    void rowMeasured(int workers);
    void benchmarkFinished(const QString& error); // empty: every worker count measured

private:
    void onRow(const BenchmarkRow& row);
    void onFinished(const BenchmarkResult& result);
    void setRunning(bool running);

    std::unique_ptr<Ui::BenchmarkDialog> m_ui;
    BenchmarkTableModel* m_model;
    charts::SpeedupChart* m_chart;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_batchSize = 500;
    QString m_workspace;
    int m_expectedRows = 0;
    bool m_running = false;
};

} // namespace bfs::app
