#include "EvaluatePage.h"

#include "FutureSupport.h"
#include "pages/EvaluationDepthView.h"
#include "pages/StatusDashboard.h"
#include "settings/AppSettings.h"

#include "ui_EvaluatePage.h"

#include "charts/ChartTheme.h"
#include "charts/EvaluationCharts.h"
#include "evaluation/PredictionImporter.h"
#include "evaluation/PredictionStore.h"
#include "models/MatchesFilterModel.h"
#include "models/MatchesTableModel.h"
#include "models/ModelCsv.h"
#include "storage/Workspace.h"
#include "util/Format.h"

#include <QChartView>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMimeData>
#include <QShowEvent>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace bfs::app {

namespace {

// What a background load or import hands back to the page.
struct LoadResult {
    std::shared_ptr<const Evaluator::Input> input;
    std::optional<EvaluationReport> report;
    QString source;
    QString error;
    int imported = -1;
};

LoadResult loadWorkspace(const Workspace& workspace, const QString& importPath, double minEdge)
{
    LoadResult result;
    // This connection lives and dies on this pool thread (Threads and the SQL Module).
    const DbConnection connection = workspace.connect(result.error);
    if (!connection.isOpen())
        return result;
    if (!importPath.isEmpty()) {
        result.imported = PredictionImporter::importFile(importPath, connection, result.error);
        if (result.imported < 0)
            return result;
    }
    auto input = Evaluator::load(connection, result.error);
    if (!input)
        return result;
    result.error.clear();
    result.source = PredictionStore::source(connection);
    result.report = Evaluator::evaluate(*input, minEdge);
    if (!importPath.isEmpty()) {
        // An import is an evaluation run worth keeping in the history; min-edge changes
        // afterwards are exploration, not runs.
        QString historyError;
        Evaluator::recordRun(workspace, *result.report, importPath, historyError);
    }
    result.input = std::make_shared<const Evaluator::Input>(std::move(*input));
    return result;
}

using format::percent;

QColor decisionColour(DecisionLabel label)
{
    switch (label) {
    case DecisionLabel::Exceptional:
        return QColor(0x1b, 0x7a, 0x1b);
    case DecisionLabel::Strong:
        return charts::ChartTheme::good();
    case DecisionLabel::Marginal:
        return QColor(0xb8, 0x86, 0x0b);
    case DecisionLabel::Inconclusive:
        return QColor(0x70, 0x70, 0x70);
    case DecisionLabel::NotProfitable:
        break;
    }
    return charts::ChartTheme::bad();
}

QChartView* addChartView(QWidget* tab, const char* name)
{
    auto* view = new QChartView(tab);
    view->setObjectName(QString::fromLatin1(name));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    tab->layout()->addWidget(view);
    return view;
}

void replaceChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart); // the view owns the new chart but releases, not deletes, the old one
    delete old;
}

} // namespace

EvaluatePage::EvaluatePage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::EvaluatePage>())
    , m_matches(new MatchesTableModel(this))
    , m_matchesProxy(new MatchesFilterModel(this))
    , m_unmatchedProxy(new MatchesFilterModel(this))
    , m_recomputeTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_status = new StatusDashboard(m_ui->tabs);
    m_ui->tabs->addTab(m_status, tr("Status"));
    setAcceptDrops(true);
    buildTiles();

    m_cumulativeChart = addChartView(m_ui->cumulativeTab, "cumulativeChart");
    m_edgeChart = addChartView(m_ui->edgeTab, "edgeChart");
    m_monthChart = addChartView(m_ui->monthTab, "monthChart");
    m_sideChart = addChartView(m_ui->sideTab, "sideChart");
    // The recommended threshold in words above the sweep, with a button to use it.
    auto* recommendation = new QHBoxLayout;
    m_sweepRecommendation = new QLabel(m_ui->sweepTab);
    m_sweepRecommendation->setObjectName(QStringLiteral("sweepRecommendation"));
    m_sweepRecommendation->setWordWrap(true);
    m_useRecommended = new QPushButton(m_ui->sweepTab);
    m_useRecommended->setObjectName(QStringLiteral("useRecommendedButton"));
    m_useRecommended->setVisible(false);
    recommendation->addWidget(m_sweepRecommendation, 1);
    recommendation->addWidget(m_useRecommended);
    static_cast<QVBoxLayout*>(m_ui->sweepTab->layout())->addLayout(recommendation);
    m_sweepChart = addChartView(m_ui->sweepTab, "sweepChart");
    connect(m_useRecommended, &QPushButton::clicked, this, [this] {
        if (m_report && m_report->recommendedMinEdge())
            setMinEdge(*m_report->recommendedMinEdge());
    });
    m_depth = new EvaluationDepthView(m_ui->tabs, m_ui->tabs->indexOf(m_ui->matchesTab), this);
    connect(m_depth, &EvaluationDepthView::exported, this, [this](const QString& message, bool ok) {
        if (ok)
            m_ui->statusLabel->setText(message);
        else
            showError(message);
    });

    m_matchesProxy->setSourceModel(m_matches);
    m_ui->matchesView->setModel(m_matchesProxy);
    m_ui->matchesView->sortByColumn(MatchesTableModel::Date, Qt::AscendingOrder);
    m_ui->matchesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->matchesView->horizontalHeader()->setStretchLastSection(true);
    m_ui->matchesView->verticalHeader()->hide();

    m_unmatchedProxy->setSourceModel(m_matches);
    m_unmatchedProxy->setResultFilter(BetResult::NoLine);
    m_ui->unmatchedView->setModel(m_unmatchedProxy);
    for (int column : { int(MatchesTableModel::Line), int(MatchesTableModel::Edge),
             int(MatchesTableModel::Recommendation), int(MatchesTableModel::Result) })
        m_ui->unmatchedView->hideColumn(column);
    m_ui->unmatchedView->sortByColumn(MatchesTableModel::Date, Qt::AscendingOrder);
    m_ui->unmatchedView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->unmatchedView->verticalHeader()->hide();

    m_ui->resultFilter->addItem(tr("All"), -1);
    for (auto result :
        { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Pass, BetResult::Ungraded, BetResult::NoLine })
        m_ui->resultFilter->addItem(Grader::name(result), int(result));
    connect(m_ui->resultFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_ui->resultFilter->currentData().toInt();
        m_matchesProxy->setResultFilter(value < 0 ? std::nullopt : std::optional(BetResult(value)));
        updateCount();
    });
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_matchesProxy->setPitcherSearch(text);
        updateCount();
    });
    connect(m_ui->importButton, &QPushButton::clicked, this, &EvaluatePage::chooseFile);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &EvaluatePage::chooseExport);

    // Holding an arrow key on the spin box fires many changes: evaluate once they settle
    // for 100 ms, so the charts are not rebuilt for every intermediate value.
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(100);
    connect(m_recomputeTimer, &QTimer::timeout, this, &EvaluatePage::recompute);
    // The threshold is the user's setting, so the report (ReportExporter) uses the one on screen.
    m_ui->minEdgeSpin->setValue(AppSettings().minEdge());
    connect(m_ui->minEdgeSpin, &QDoubleSpinBox::valueChanged, m_recomputeTimer, qOverload<>(&QTimer::start));
    m_ui->exportButton->setEnabled(false);
    connect(m_ui->goToBackfillButton, &QPushButton::clicked, this, &EvaluatePage::backfillRequested);
    updateCount();
}

EvaluatePage::~EvaluatePage() = default;

double EvaluatePage::minEdge() const
{
    return m_ui->minEdgeSpin->value();
}

void EvaluatePage::setMinEdge(double minEdge)
{
    m_ui->minEdgeSpin->setValue(minEdge);
}

void EvaluatePage::setWorkspace(const Workspace& workspace)
{
    m_workspace = workspace;
    m_depth->setExportDir(workspace.reportsDir());
    m_input.reset();
    startLoad({});
    m_status->refresh(workspace, AppSettings().sport());
}

void EvaluatePage::importPredictions(const QString& path)
{
    if (!m_workspace) {
        showError(tr("Open a workspace first: predictions are stored in it."));
        return;
    }
    startLoad(path);
}

void EvaluatePage::startLoad(const QString& importPath)
{
    m_ui->importButton->setEnabled(false);
    m_ui->statusLabel->setStyleSheet({});
    m_ui->statusLabel->setText(importPath.isEmpty() ? tr("Loading predictions and lines…")
                                                    : tr("Importing %1…").arg(QFileInfo(importPath).fileName()));
    // A newer load or import supersedes this one.
    m_loads.start(this, QtConcurrent::run(loadWorkspace, *m_workspace, importPath, minEdge()),
        [this, importing = !importPath.isEmpty()](LoadResult result) {
            m_ui->importButton->setEnabled(true);
            if (!result.error.isEmpty()) {
                showError(importing ? tr("%1 — nothing imported; the previous predictions are kept.").arg(result.error)
                                    : result.error);
                return;
            }
            m_input = result.input;
            m_source = result.source;
            m_evaluations.invalidate(); // evaluations of the previous set are stale
            if (result.report->minEdge == minEdge())
                showReport(std::move(*result.report));
            else
                recompute();
        });
}

void EvaluatePage::recompute()
{
    if (!m_input)
        return;
    const auto input = m_input;
    const double threshold = minEdge();
    AppSettings().setMinEdge(threshold);
    m_evaluations.start(this, QtConcurrent::run([input, threshold] { return Evaluator::evaluate(*input, threshold); }),
        [this, input](const EvaluationReport& report) {
            if (input == m_input)
                showReport(report);
        });
}

void EvaluatePage::showError(const QString& message)
{
    m_ui->statusLabel->setStyleSheet(QStringLiteral("color: %1;").arg(charts::ChartTheme::bad().name()));
    m_ui->statusLabel->setText(message);
    Q_EMIT failed(message);
}

void EvaluatePage::buildTiles()
{
    struct Tile {
        const char* key;
        QString title;
    };
    const Tile tiles[] = { { "coverage", tr("Coverage") }, { "bets", tr("Bets") }, { "record", tr("W – L – P") },
        { "hitRate", tr("Hit rate") }, { "breakeven", tr("Break-even") }, { "roi110", tr("ROI at −110") },
        { "roiMarket", tr("ROI at market") }, { "pValue", tr("p-value") }, { "decision", tr("Decision") },
        { "market", tr("Model vs market") } };
    auto* layout = static_cast<QGridLayout*>(m_ui->kpiTiles->layout());
    int index = 0;
    for (const auto& tile : tiles) {
        auto* frame = new QFrame(m_ui->kpiTiles);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setObjectName(QStringLiteral("kpiTile_%1").arg(QLatin1String(tile.key)));
        auto* box = new QVBoxLayout(frame);
        box->setContentsMargins(8, 6, 8, 6);
        box->setSpacing(1);
        auto* title = new QLabel(tile.title, frame);
        title->setStyleSheet(QStringLiteral("color: palette(mid);"));
        auto* value = new QLabel(QStringLiteral("–"), frame);
        value->setObjectName(QStringLiteral("kpiValue_%1").arg(QLatin1String(tile.key)));
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.45);
        big.setBold(true);
        value->setFont(big);
        auto* detail = new QLabel(frame);
        detail->setObjectName(QStringLiteral("kpiDetail_%1").arg(QLatin1String(tile.key)));
        detail->setWordWrap(true);
        QFont small = detail->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        detail->setFont(small);
        box->addWidget(title);
        box->addWidget(value);
        box->addWidget(detail);
        layout->addWidget(frame, index / 5, index % 5);
        ++index;
    }
    for (int column = 0; column < 5; ++column)
        layout->setColumnStretch(column, 1);
}

void EvaluatePage::setTile(const QString& key, const QString& value, const QString& detail, const QColor& colour)
{
    auto* valueLabel = findChild<QLabel*>(QStringLiteral("kpiValue_") + key);
    auto* detailLabel = findChild<QLabel*>(QStringLiteral("kpiDetail_") + key);
    valueLabel->setText(value);
    valueLabel->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1;").arg(colour.name()) : QString());
    detailLabel->setText(detail);
}

void EvaluatePage::showReport(EvaluationReport report)
{
    const auto& s = report.overall;
    setTile(QStringLiteral("coverage"), percent(report.coverage()),
        tr("%1 of %2 with a line · %3")
            .arg(format::count(report.withLine))
            .arg(format::count(report.predictions))
            .arg(Decision::name(report.readiness())));
    setTile(QStringLiteral("bets"), format::count(report.bets()),
        (report.passes == 1 ? tr("1 pass") : tr("%1 passes").arg(format::count(report.passes)))
            + tr(" · %1 no line · %2 ungraded").arg(format::count(report.noLine), format::count(report.ungraded)));
    setTile(QStringLiteral("record"),
        QStringLiteral("%1 – %2 – %3")
            .arg(format::count(s.wins()), format::count(s.losses()), format::count(s.pushes())),
        tr("n = %1 (pushes excluded)").arg(format::count(s.n())));
    setTile(QStringLiteral("hitRate"), percent(s.hitRate()),
        s.n() ? tr("95 % interval %1 – %2 · one-sided bound %3")
                    .arg(percent(s.wilsonLow()), percent(s.wilsonHigh()), percent(s.oneSidedLow()))
              : tr("no graded bets"),
        s.hitRate() ? (*s.hitRate() > HitRateStats::Breakeven ? charts::ChartTheme::good() : charts::ChartTheme::bad())
                    : QColor());
    setTile(QStringLiteral("breakeven"), percent(HitRateStats::Breakeven), tr("every bet at −110"));
    setTile(QStringLiteral("roi110"), format::signedPercent(s.roi110()), tr("1 unit per bet"));
    setTile(QStringLiteral("roiMarket"), format::signedPercent(s.roiMarket()), tr("at the bookmakers' prices"));
    // The test is one-tailed: say so, and name the bound that agrees with it (the two-sided interval
    // may contain break-even while the test passes).
    setTile(QStringLiteral("pValue"), s.pValue() ? QString::number(*s.pValue(), 'f', 4) : QStringLiteral("–"),
        s.z() ? tr("z = %1 · %2 (one-tailed: above break-even%3)")
                    .arg(*s.z(), 0, 'f', 2)
                    .arg(s.significant() ? tr("significant") : tr("not significant"),
                        s.significant() ? tr("; one-sided bound %1 > %2")
                                              .arg(percent(s.oneSidedLow()), percent(HitRateStats::Breakeven))
                                        : QString())
              : QString());
    // No verdict without a graded bet: a red NOT_PROFITABLE over 0 bets would read as a finding.
    if (s.n() == 0) {
        setTile(QStringLiteral("decision"), QStringLiteral("–"), tr("no verdict until there are graded bets"));
    } else {
        const DecisionLabel decision = report.decision();
        setTile(QStringLiteral("decision"), Decision::name(decision), Decision::explanation(decision),
            decisionColour(decision));
    }

    replaceChart(m_cumulativeChart, charts::EvaluationCharts::cumulativeHitRate(report));
    replaceChart(m_edgeChart, charts::EvaluationCharts::hitRateByGroup(report.byEdgeBucket, tr("Hit rate by |edge|")));
    replaceChart(m_monthChart, charts::EvaluationCharts::hitRateByGroup(report.byMonth, tr("Hit rate by month")));
    replaceChart(m_sideChart, charts::EvaluationCharts::hitRateByGroup(report.bySide, tr("Hit rate by side")));
    replaceChart(m_sweepChart, charts::EvaluationCharts::thresholdSweep(report));
    showMarketAndSweep(report);
    m_depth->setReport(report);

    m_matches->setMatches(report.matches);
    m_ui->exportButton->setEnabled(!report.matches.empty());
    m_ui->statusLabel->setStyleSheet({});
    QString status;
    const bool noLines = report.predictions > 0 && report.withLine == 0 && !report.matches.empty();
    m_ui->goToBackfillButton->setVisible(noLines);
    if (report.predictions == 0) {
        status = tr("No predictions in this workspace yet: import a CSV (or drop one here).");
    } else if (noLines) {
        // Nothing matched because nothing is loaded for those dates, not because of the names.
        const auto [first, last] = std::minmax_element(report.matches.begin(), report.matches.end(),
            [](const auto& a, const auto& b) { return a.gameDate < b.gameDate; });
        status = tr("No betting lines loaded for %1 … %2: run the backfill for those dates, then load.")
                     .arg(first->gameDate.toString(Qt::ISODate), last->gameDate.toString(Qt::ISODate));
    } else {
        status = tr("%1 predictions from %2 · min edge %3")
                     .arg(format::count(report.predictions))
                     .arg(m_source.isEmpty() ? tr("the workspace") : QFileInfo(m_source).fileName())
                     .arg(report.minEdge);
    }
    m_ui->statusLabel->setText(status);
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->unmatchedTab), tr("Unmatched (%1)").arg(report.noLine));
    m_status->setEvaluation(report);
    m_status->refresh(*m_workspace, AppSettings().sport());
    m_report = std::move(report);
    updateCount();
    Q_EMIT reportShown();
}

void EvaluatePage::showMarketAndSweep(const EvaluationReport& report)
{
    // Does the model know more than the market's own prices? No verdict without a bet to compare.
    const auto& market = report.market;
    if (market.n() == 0) {
        setTile(QStringLiteral("market"), QStringLiteral("–"),
            report.overall.n() ? tr("no graded bet has both prices at its line") : tr("no graded bets"));
    } else {
        setTile(QStringLiteral("market"), market.beatsMarket() ? tr("beats the market") : tr("does not beat it"),
            tr("Brier %1 model · %2 market · n = %3")
                .arg(format::decimal(market.brierModel(), 4), format::decimal(market.brierMarket(), 4),
                    format::count(market.n())),
            market.beatsMarket() ? charts::ChartTheme::good() : charts::ChartTheme::bad());
    }
    const auto best = report.recommendedMinEdge();
    if (report.predictions == 0 || report.thresholdSweep.empty()) {
        m_sweepRecommendation->setText(tr("No predictions yet: no threshold to recommend."));
    } else if (!best) {
        m_sweepRecommendation->setText(
            tr("No threshold has %1 bets: too few to recommend one.").arg(EvaluationReport::RecommendedMinBets));
    } else {
        const auto step = std::find_if(report.thresholdSweep.begin(), report.thresholdSweep.end(),
            [&](const EvaluationReport::SweepPoint& p) { return p.minEdge == *best; });
        m_sweepRecommendation->setText(
            tr("Recommended minimum edge: %1 — the highest ROI at −110 (%2 over %3 bets) among the thresholds with "
               "at least %4 bets.")
                .arg(*best)
                .arg(step != report.thresholdSweep.end() ? format::signedPercent(step->stats.roi110())
                                                         : QStringLiteral("–"),
                    step != report.thresholdSweep.end() ? format::count(step->stats.n()) : QStringLiteral("–"))
                .arg(EvaluationReport::RecommendedMinBets));
    }
    m_useRecommended->setVisible(best && *best != report.minEdge);
    if (best)
        m_useRecommended->setText(tr("Use %1").arg(*best));
}

void EvaluatePage::updateCount()
{
    m_ui->matchesCount->setText(tr("%1 of %2 predictions").arg(m_matchesProxy->rowCount()).arg(m_matches->rowCount()));
}

bool EvaluatePage::exportMatches(const QString& path, QString& error) const
{
    return writeModelCsv(*m_matchesProxy, path, error);
}

void EvaluatePage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import predictions"), QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importPredictions(path);
}

void EvaluatePage::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export matches"),
        m_workspace ? m_workspace->reportsDir() + QStringLiteral("/matches.csv") : QString(), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportMatches(path, error))
        showError(error);
    else
        m_ui->statusLabel->setText(tr("Exported %1 matches to %2").arg(m_matchesProxy->rowCount()).arg(path));
}

void EvaluatePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // A backfill may have loaded lines since the last look: re-match in the background.
    if (!event->spontaneous() && m_workspace && m_report)
        startLoad({});
}

void EvaluatePage::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()
        && urls.first().toLocalFile().endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        event->acceptProposedAction();
}

void EvaluatePage::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    importPredictions(urls.first().toLocalFile());
}

} // namespace bfs::app
