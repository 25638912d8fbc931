#pragma once

#include "FutureSupport.h"
#include "evaluation/EvaluationReport.h"
#include "evaluation/Evaluator.h"
#include "storage/Workspace.h"

#include <QWidget>

#include <memory>
#include <optional>

class QChartView;
class QLabel;
class QPushButton;
class QTimer;

namespace Ui {
class EvaluatePage;
}

namespace bfs::app {

class EvaluationDepthView;
class MatchesFilterModel;
class MatchesTableModel;
class StatusDashboard;

// The Evaluate screen (phases 3–5): import a predictions CSV (button or drag and drop),
// pick the minimum edge, read the KPI tiles (coverage, bets, W/L/P, hit rate with its
// interval, break-even, ROI at −110 and at market prices, p-value, decision) and the
// charts, browse the matches and the unmatched predictions. Loading, importing and
// re-evaluating all run on the thread pool; results come back through QFuture
// continuations bound to this widget, newest request wins.
class EvaluatePage final : public QWidget {
    Q_OBJECT
public:
    explicit EvaluatePage(QWidget* parent = nullptr);
    StatusDashboard* statusDashboard() const { return m_status; } // phases 1–5
    ~EvaluatePage() override;

    const std::optional<EvaluationReport>& report() const { return m_report; }
    MatchesTableModel* matchesModel() const { return m_matches; }
    MatchesFilterModel* matchesProxy() const { return m_matchesProxy; }
    MatchesFilterModel* unmatchedProxy() const { return m_unmatchedProxy; }
    // Accuracy, Bankroll, Market, Pitchers and Bookmakers tabs.
    EvaluationDepthView* depthView() const { return m_depth; }
    double minEdge() const;

    // Writes the visible (filtered, sorted) matches as CSV.
    bool exportMatches(const QString& path, QString& error) const;

public Q_SLOTS:
    // Loads and evaluates the workspace's current prediction set.
    void setWorkspace(const bfs::Workspace& workspace);
    // Imports a CSV into the workspace (all or nothing) and evaluates it.
    void importPredictions(const QString& path);
    void setMinEdge(double minEdge);

Q_SIGNALS:
    // A new report is on screen (after a load, an import or a min-edge change).
    void reportShown();
    // An import or load failed; the previous prediction set and report stay.
    void failed(const QString& error);
    // "Go to Backfill": no lines are loaded for the predictions' dates.
    void backfillRequested();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void startLoad(const QString& importPath);
    void recompute();
    void showReport(EvaluationReport report);
    void showError(const QString& message);
    void buildTiles();
    void showMarketAndSweep(const EvaluationReport& report);
    void setTile(const QString& key, const QString& value, const QString& detail, const QColor& colour = {});
    void updateCount();
    void chooseFile();
    void chooseExport();

    std::unique_ptr<Ui::EvaluatePage> m_ui;
    MatchesTableModel* m_matches;
    MatchesFilterModel* m_matchesProxy;
    MatchesFilterModel* m_unmatchedProxy;
    QChartView* m_cumulativeChart;
    QChartView* m_edgeChart;
    QChartView* m_monthChart;
    QChartView* m_sideChart;
    QChartView* m_sweepChart;
    QLabel* m_sweepRecommendation;
    QPushButton* m_useRecommended;
    EvaluationDepthView* m_depth;
    QTimer* m_recomputeTimer;
    std::optional<Workspace> m_workspace;
    QString m_source;
    std::shared_ptr<const Evaluator::Input> m_input;
    std::optional<EvaluationReport> m_report;
    JobTracker m_loads; // loads and imports
    JobTracker m_evaluations; // re-evaluations of the loaded set at another threshold
    StatusDashboard* m_status = nullptr;
};

} // namespace bfs::app
