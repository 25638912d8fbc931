#pragma once

#include "evaluation/EvaluationReport.h"

#include <QColor>
#include <QHash>
#include <QObject>

#include <utility>

class QAbstractItemModel;
class QChartView;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QWidget;

namespace bfs::app {

class BookmakersTableModel;
class PitchersFilterModel;
class PitchersTableModel;

// The Evaluate screen's "Depth" tabs (evaluation.md): Accuracy (tiles and predicted against
// actual), Bankroll (cumulative units, max drawdown, streaks, Kelly stake), Market (model
// against market Brier and calibration), Pitchers (searchable, sortable, bet / avoid, CSV
// export) and Bookmakers. It only renders an EvaluationReport the page computed off the GUI
// thread; it owns no data beyond the table models. Kept apart from EvaluatePage so the page
// stays one screen's wiring.
class EvaluationDepthView final : public QObject {
    Q_OBJECT
public:
    // Adds the five tabs to `tabs`, starting at `index`.
    EvaluationDepthView(QTabWidget* tabs, int index, QObject* parent = nullptr);

    void setReport(const EvaluationReport& report);
    void setExportDir(const QString& dir) { m_exportDir = dir; } // where the export dialog starts

    PitchersTableModel* pitchersModel() const { return m_pitchers; }
    PitchersFilterModel* pitchersProxy() const { return m_pitchersProxy; }
    BookmakersTableModel* bookmakersModel() const { return m_bookmakers; }
    QSortFilterProxyModel* bookmakersProxy() const { return m_bookmakersProxy; }

    // Writes the visible (searched, sorted) pitchers as CSV.
    bool exportPitchers(const QString& path, QString& error) const;

    static QString kellyText(const EvaluationReport& report); // "Kelly stake: 7.0% of bankroll per bet. It assumes …"

Q_SIGNALS:
    // The outcome of an export started from the Pitchers tab, for the page's status line.
    void exported(const QString& message, bool ok);

private:
    QWidget* addTiles(QWidget* parent, const QList<std::pair<QString, QString>>& tiles); // key, title
    QWidget* buildAccuracyTab();
    QWidget* buildBankrollTab();
    QWidget* buildMarketTab();
    QWidget* buildPitchersTab();
    QWidget* buildBookmakersTab();
    void setTile(const QString& key, const QString& value, const QString& detail, const QColor& colour = {});
    void updatePitchersCount();
    void chooseExport();

    QTabWidget* m_tabs;
    PitchersTableModel* m_pitchers;
    PitchersFilterModel* m_pitchersProxy;
    BookmakersTableModel* m_bookmakers;
    QSortFilterProxyModel* m_bookmakersProxy;
    QChartView* m_accuracyChart = nullptr;
    QChartView* m_bankrollChart = nullptr;
    QChartView* m_calibrationChart = nullptr;
    QLabel* m_kellyLabel = nullptr;
    QLabel* m_marketSummary = nullptr;
    QLabel* m_pitchersCount = nullptr;
    QLabel* m_bookmakersSummary = nullptr;
    QLineEdit* m_pitcherSearch = nullptr;
    QPushButton* m_pitchersExport = nullptr;
    QTableView* m_pitchersView = nullptr;
    QHash<QString, std::pair<QLabel*, QLabel*>> m_tiles; // key → value, detail
    double m_minEdge = 0;
    QString m_exportDir;
};

} // namespace bfs::app
