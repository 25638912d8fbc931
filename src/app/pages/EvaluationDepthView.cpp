#include "EvaluationDepthView.h"

#include "models/BookmakersTableModel.h"
#include "models/ModelCsv.h"
#include "models/PitchersFilterModel.h"
#include "models/PitchersTableModel.h"
#include "util/Format.h"

#include "charts/ChartTheme.h"
#include "charts/EvaluationCharts.h"

#include <QChartView>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bfs::app {

namespace {

QChartView* newChartView(QWidget* parent, const char* name)
{
    auto* view = new QChartView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    return view;
}

void replaceChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart); // the view owns the new chart but releases, not deletes, the old one
    delete old;
}

QLabel* newNote(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTableView* newTable(QWidget* parent, const char* name, QAbstractItemModel* model, bool stretchLast)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(stretchLast); // a number stretched to the far right reads badly
    view->verticalHeader()->hide();
    return view;
}

QString units(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

EvaluationDepthView::EvaluationDepthView(QTabWidget* tabs, int index, QObject* parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_pitchers(new PitchersTableModel(this))
    , m_pitchersProxy(new PitchersFilterModel(this))
    , m_bookmakers(new BookmakersTableModel(this))
    , m_bookmakersProxy(new QSortFilterProxyModel(this))
{
    m_pitchersProxy->setSourceModel(m_pitchers);
    m_bookmakersProxy->setSourceModel(m_bookmakers);
    m_bookmakersProxy->setSortRole(BookmakersTableModel::SortRole);
    const std::pair<QWidget*, QString> pages[] = { { buildAccuracyTab(), tr("Accuracy") },
        { buildBankrollTab(), tr("Bankroll") }, { buildMarketTab(), tr("Market") },
        { buildPitchersTab(), tr("Pitchers") }, { buildBookmakersTab(), tr("Bookmakers") } };
    for (const auto& [page, title] : pages)
        m_tabs->insertTab(index++, page, title);
}

QWidget* EvaluationDepthView::addTiles(QWidget* parent, const QList<std::pair<QString, QString>>& tiles)
{
    // The same tile as the page's KPI row: grey title, big bold value, small detail.
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (const auto& [key, titleText] : tiles) {
        auto* frame = new QFrame(row);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setObjectName(QStringLiteral("depthTile_") + key);
        auto* box = new QVBoxLayout(frame);
        box->setContentsMargins(8, 6, 8, 6);
        box->setSpacing(1);
        auto* title = new QLabel(titleText, frame);
        title->setStyleSheet(QStringLiteral("color: palette(mid);"));
        auto* value = new QLabel(QStringLiteral("–"), frame);
        value->setObjectName(QStringLiteral("depthValue_") + key);
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.45);
        big.setBold(true);
        value->setFont(big);
        auto* detail = new QLabel(frame);
        detail->setObjectName(QStringLiteral("depthDetail_") + key);
        detail->setWordWrap(true);
        QFont small = detail->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        detail->setFont(small);
        box->addWidget(title);
        box->addWidget(value);
        box->addWidget(detail);
        layout->addWidget(frame, 1);
        m_tiles.insert(key, { value, detail });
    }
    return row;
}

void EvaluationDepthView::setTile(const QString& key, const QString& value, const QString& detail, const QColor& colour)
{
    const auto [valueLabel, detailLabel] = m_tiles.value(key);
    valueLabel->setText(value);
    valueLabel->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1;").arg(colour.name()) : QString());
    detailLabel->setText(detail);
}

QWidget* EvaluationDepthView::buildAccuracyTab()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("accuracyTab"));
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(addTiles(page,
        { { QStringLiteral("mae"), tr("MAE") }, { QStringLiteral("rmse"), tr("RMSE") },
            { QStringLiteral("bias"), tr("Bias") }, { QStringLiteral("within1"), tr("Within 1") },
            { QStringLiteral("within2"), tr("Within 2") }, { QStringLiteral("within3"), tr("Within 3") } }));
    m_accuracyChart = newChartView(page, "predictedVsActualChart");
    layout->addWidget(m_accuracyChart, 1);
    return page;
}

QWidget* EvaluationDepthView::buildBankrollTab()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("bankrollTab"));
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(addTiles(page,
        { { QStringLiteral("units"), tr("Units") }, { QStringLiteral("drawdown"), tr("Max drawdown") },
            { QStringLiteral("winningStreak"), tr("Longest winning streak") },
            { QStringLiteral("losingStreak"), tr("Longest losing streak") },
            { QStringLiteral("kelly"), tr("Kelly stake") } }));
    m_kellyLabel = newNote(page, "kellyLabel");
    layout->addWidget(m_kellyLabel);
    m_bankrollChart = newChartView(page, "bankrollChart");
    layout->addWidget(m_bankrollChart, 1);
    return page;
}

QWidget* EvaluationDepthView::buildMarketTab()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("marketTab"));
    auto* layout = new QVBoxLayout(page);
    m_marketSummary = newNote(page, "marketSummary");
    layout->addWidget(m_marketSummary);
    m_calibrationChart = newChartView(page, "calibrationChart");
    layout->addWidget(m_calibrationChart, 1);
    return page;
}

QWidget* EvaluationDepthView::buildPitchersTab()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("pitchersTab"));
    auto* layout = new QVBoxLayout(page);
    auto* toolbar = new QHBoxLayout;
    m_pitcherSearch = new QLineEdit(page);
    m_pitcherSearch->setObjectName(QStringLiteral("pitcherSearch"));
    m_pitcherSearch->setPlaceholderText(tr("Search pitcher…"));
    m_pitcherSearch->setClearButtonEnabled(true);
    m_pitchersCount = newNote(page, "pitchersCount");
    m_pitchersExport = new QPushButton(tr("Export CSV…"), page);
    m_pitchersExport->setObjectName(QStringLiteral("pitchersExportButton"));
    m_pitchersExport->setEnabled(false);
    toolbar->addWidget(m_pitcherSearch);
    toolbar->addWidget(m_pitchersCount, 1);
    toolbar->addWidget(m_pitchersExport);
    layout->addLayout(toolbar);
    auto* legend = newNote(page, "pitchersLegend");
    legend->setText(
        tr("Green: bet — the hit rate is significantly above the −110 break-even; red: avoid — "
           "significantly below (pitchers with at least %1 bets; one-tailed z-tests with a 5% false-discovery "
           "rate over all of them, so luck alone marks few). Grey rates: "
           "fewer than %2 bets (thin).")
            .arg(PitcherResult::VerdictMinBets)
            .arg(charts::EvaluationCharts::ThinBets));
    layout->addWidget(legend);
    m_pitchersView = newTable(page, "pitchersView", m_pitchersProxy, true);
    // Most bets first, as by_pitcher; the proxy keeps the user's choice across reports.
    m_pitchersView->sortByColumn(PitchersTableModel::Bets, Qt::DescendingOrder);
    layout->addWidget(m_pitchersView, 1);
    connect(m_pitcherSearch, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_pitchersProxy->setSearch(text);
        updatePitchersCount();
    });
    connect(m_pitchersExport, &QPushButton::clicked, this, &EvaluationDepthView::chooseExport);
    return page;
}

QWidget* EvaluationDepthView::buildBookmakersTab()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("bookmakersTab"));
    auto* layout = new QVBoxLayout(page);
    m_bookmakersSummary = newNote(page, "bookmakersSummary");
    layout->addWidget(m_bookmakersSummary);
    auto* view = newTable(page, "bookmakersView", m_bookmakersProxy, false);
    view->sortByColumn(BookmakersTableModel::Bookmaker, Qt::AscendingOrder);
    layout->addWidget(view, 1);
    return page;
}

QString EvaluationDepthView::kellyText(const EvaluationReport& report)
{
    const auto kelly = report.kellyFraction();
    const auto hitRate = report.overall.hitRate();
    if (!kelly || !hitRate)
        return tr("No graded bets at this minimum edge: no Kelly stake yet.");
    const QString assumes = tr("It assumes every bet is at −110 and that the hit rate of %1 holds in future.")
                                .arg(format::percent(hitRate));
    if (*kelly <= 0)
        return tr("Kelly stake: 0.0 % of bankroll — the hit rate is not above the −110 break-even, so Kelly says not "
                  "to bet. %1")
            .arg(assumes);
    return tr("Kelly stake: %1 of bankroll per bet. %2").arg(format::percent(kelly), assumes);
}

void EvaluationDepthView::setReport(const EvaluationReport& report)
{
    m_minEdge = report.minEdge;
    // Accuracy: every prediction with an actual, whatever its result.
    const auto& a = report.accuracy;
    const QString over = a.n() ? tr("n = %1 predictions with an actual").arg(format::count(a.n()))
                               : tr("no predictions with an actual yet");
    setTile(QStringLiteral("mae"), format::decimal(a.mae(), 2), tr("mean |predicted − actual| · %1").arg(over));
    setTile(QStringLiteral("rmse"), format::decimal(a.rmse(), 2), tr("root mean squared error"));
    const auto bias = a.bias();
    setTile(QStringLiteral("bias"), format::signedDecimal(bias, 2),
        !bias           ? QString()
            : *bias > 0 ? tr("mean error: predicts too many")
            : *bias < 0 ? tr("mean error: predicts too few")
                        : tr("mean error: none"));
    for (int k = 1; k <= 3; ++k)
        setTile(QStringLiteral("within%1").arg(k), format::percent(a.within(k)),
            k == 1 ? tr("|error| ≤ 1 strikeout") : tr("|error| ≤ %1 strikeouts").arg(k));
    replaceChart(m_accuracyChart, charts::EvaluationCharts::predictedVsActual(a));

    // Bankroll: the bets that won or lost at this min edge, one unit each at −110.
    const auto& b = report.bankroll;
    const bool anyBet = !b.path.empty();
    setTile(QStringLiteral("units"), anyBet ? format::signedDecimal(b.units, 2) : QStringLiteral("–"),
        anyBet ? tr("after %1 bets at −110").arg(format::count(qint64(b.path.size()))) : tr("no graded bets"));
    QString drawdownDetail;
    if (b.drawdownTrough >= 0) {
        const QString from = b.drawdownPeak < 0 ? tr("the start") : tr("bet %1").arg(b.drawdownPeak + 1);
        drawdownDetail = tr("units, from %1 to bet %2 (%3)")
                             .arg(from)
                             .arg(b.drawdownTrough + 1)
                             .arg(b.dates[std::size_t(b.drawdownTrough)].toString(Qt::ISODate));
    } else if (anyBet) {
        drawdownDetail = tr("never below a previous peak");
    }
    setTile(QStringLiteral("drawdown"), anyBet ? units(b.maxDrawdown) : QStringLiteral("–"), drawdownDetail,
        b.maxDrawdown > 0 ? charts::ChartTheme::bad() : QColor());
    setTile(QStringLiteral("winningStreak"), anyBet ? format::count(b.longestWinningStreak) : QStringLiteral("–"),
        anyBet ? tr("wins in a row") : QString());
    setTile(QStringLiteral("losingStreak"), anyBet ? format::count(b.longestLosingStreak) : QStringLiteral("–"),
        anyBet ? tr("losses in a row") : QString());
    const auto kelly = report.kellyFraction();
    setTile(QStringLiteral("kelly"), kelly ? format::percent(kelly) : QStringLiteral("–"),
        kelly ? tr("of bankroll per bet") : QString());
    m_kellyLabel->setText(kellyText(report));
    replaceChart(m_bankrollChart, charts::EvaluationCharts::bankroll(b));

    // Market: the bets whose consensus line a bookmaker quoted with both prices.
    const auto& m = report.market;
    if (m.n() == 0) {
        m_marketSummary->setText(report.overall.n() == 0
                ? tr("No graded bets at this minimum edge: nothing to compare with the market yet.")
                : tr("No graded bet has a bookmaker quoting both prices at its consensus line: nothing to compare "
                     "with the market."));
    } else {
        const int left = report.overall.n() - m.n();
        m_marketSummary->setText(
            tr("Brier score (lower is better) over %1 bets: model %2, market %3 (no-vig) — %4.%5")
                .arg(format::count(m.n()), format::decimal(m.brierModel(), 4), format::decimal(m.brierMarket(), 4),
                    m.beatsMarket() ? tr("the model beats the market") : tr("the model does not beat the market"),
                    left > 0 ? tr(" %1 bets without both prices at their line are left out.").arg(format::count(left))
                             : QString()));
    }
    replaceChart(m_calibrationChart, charts::EvaluationCharts::calibration(m));

    m_pitchers->setPitchers(report.byPitcher);
    m_pitchersExport->setEnabled(!report.byPitcher.empty());
    updatePitchersCount();

    m_bookmakers->setBookmakers(report.byBookmaker);
    m_bookmakersSummary->setText(report.byBookmaker.empty()
            ? tr("No graded bets at this minimum edge: no bookmaker results yet.")
            : tr("Each prediction graded against each bookmaker's own latest line, so a prediction counts once "
                 "per bookmaker quoting it and the rows add up to more than the bets. ROI market: at that "
                 "bookmaker's prices. Grey rates: fewer than %1 bets (thin).")
                  .arg(charts::EvaluationCharts::ThinBets));
}

void EvaluationDepthView::updatePitchersCount()
{
    const auto& all = m_pitchers->pitchers();
    if (all.empty()) {
        m_pitchersCount->setText(tr("No pitcher has a won or lost bet at min edge %1 yet.").arg(m_minEdge));
        return;
    }
    int bet = 0, avoid = 0;
    for (const auto& pitcher : all) {
        const auto verdict = pitcher.verdict();
        bet += verdict == PitcherResult::Verdict::Bet;
        avoid += verdict == PitcherResult::Verdict::Avoid;
    }
    m_pitchersCount->setText(tr("%1 of %2 pitchers · %3 to bet, %4 to avoid")
                                 .arg(format::count(m_pitchersProxy->rowCount()), format::count(qint64(all.size())),
                                     format::count(bet), format::count(avoid)));
}

bool EvaluationDepthView::exportPitchers(const QString& path, QString& error) const
{
    return writeModelCsv(*m_pitchersProxy, path, error);
}

void EvaluationDepthView::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(m_tabs, tr("Export pitchers"),
        m_exportDir.isEmpty() ? QStringLiteral("pitchers.csv") : m_exportDir + QStringLiteral("/pitchers.csv"),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPitchers(path, error))
        Q_EMIT exported(error, false);
    else
        Q_EMIT exported(tr("Exported %1 pitchers to %2").arg(m_pitchersProxy->rowCount()).arg(path), true);
}

} // namespace bfs::app
