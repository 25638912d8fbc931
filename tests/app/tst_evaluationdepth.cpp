// The Evaluate screen's depth tabs (issue 18) offscreen, on a season the real engine grades:
// accuracy tiles and predicted-vs-actual chart, the pitcher table (order, bet / avoid, search,
// CSV), the bankroll chart and its drawdown marker, the Kelly stake, the recommended threshold,
// the market tile and calibration chart, the bookmakers table, and the empty states — each
// against the engine's own numbers.
#include "pages/EvaluatePage.h"
#include "pages/EvaluationDepthView.h"

#include "charts/ChartTheme.h"
#include "evaluation/Evaluator.h"
#include "evaluation/NameNormalizer.h"
#include "models/BookmakersTableModel.h"
#include "models/PitchersFilterModel.h"
#include "models/PitchersTableModel.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using namespace bfs::app;

namespace {

// A season of four pitchers over 60 days plus a thin one whose name needs CSV quoting.
// Ace bets OVER at edge 2.5 and wins 4 of 5; Bad Luck OVER at edge 1.5 and wins 1 of 4;
// Coin Flip UNDER at edge 1.5 and wins every other day; Tyler "T" Smith, Jr. wins 5 of 5.
struct Pitcher {
    QString name;
    double predicted;
    int days;
    int (*actual)(int day);
};

const Pitcher Pitchers[] = {
    { QStringLiteral("Ace Winner"), 8.0, 60, [](int day) { return day % 5 == 4 ? 4 : 7; } },
    { QStringLiteral("Bad Luck"), 7.0, 60, [](int day) { return day % 4 == 3 ? 8 : 3; } },
    { QStringLiteral("Coin Flip"), 4.0, 60, [](int day) { return day % 2 ? 6 : 5; } },
    { QStringLiteral("Tyler \"T\" Smith, Jr."), 6.5, 5, [](int) { return 6; } },
};

QString csvField(const QString& field)
{
    return field.contains(u',') || field.contains(u'"')
        ? u'"' + QString(field).replace(u'"', QStringLiteral("\"\"")) + u'"'
        : field;
}

QChartView* chartView(const QWidget& page, const char* name)
{
    return page.findChild<QChartView*>(QString::fromLatin1(name));
}

QAbstractSeries* series(QChartView* view, const QString& name)
{
    for (auto* s : view->chart()->series()) {
        if (s->name() == name)
            return s;
    }
    return nullptr;
}

QAbstractSeries* seriesStartingWith(QChartView* view, const QString& prefix)
{
    for (auto* s : view->chart()->series()) {
        if (s->name().startsWith(prefix))
            return s;
    }
    return nullptr;
}

QString text(const QWidget& page, const QString& name)
{
    const auto* label = page.findChild<QLabel*>(name);
    return label ? label->text() : QStringLiteral("<no %1>").arg(name);
}

QString percent(std::optional<double> fraction, bool sign = false)
{
    const QString t = QString::number(*fraction * 100.0, 'f', 1) + QStringLiteral("%");
    return sign && *fraction > 0 ? u'+' + t : t;
}

} // namespace

class TestEvaluationDepth final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_csv;

    EvaluationReport engineReport(const QString& workspace, double minEdge)
    {
        QString error;
        const auto ws = Workspace::open(workspace, error);
        const auto connection = ws->connect(error);
        return Evaluator::evaluate(*Evaluator::load(connection, error), minEdge);
    }

    std::unique_ptr<EvaluatePage> seasonPage()
    {
        auto page = std::make_unique<EvaluatePage>();
        page->setWorkspace(bfs::test::workspaceAt(m_workspace));
        [&] { QTRY_VERIFY_WITH_TIMEOUT(page->report() && page->report()->predictions > 0, 20000); }();
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_evaluationdepth"));
        m_workspace = m_dir.filePath(QStringLiteral("season"));
        QString error;
        const auto workspace = Workspace::open(m_workspace, error);
        QVERIFY2(workspace, qPrintable(error));
        QStringList rows;
        QByteArray csv = "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts\n";
        for (const auto& pitcher : Pitchers) {
            const QString lookup = normalizePlayerName(pitcher.name);
            for (int day = 0; day < pitcher.days; ++day) {
                const QString date = QDate(2024, 4, 1).addDays(day).toString(Qt::ISODate);
                // Two bookmakers at 5.5 with both prices (the market's no-vig probability); a third
                // at 6.5 that the consensus leaves out.
                for (const auto& [book, point, over, under] : { std::tuple { "dk", 5.5, "-110", "-110" },
                         std::tuple { "fd", 5.5, "-125", "105" }, std::tuple { "mgm", 6.5, "120", "-150" } }) {
                    rows << QStringLiteral(
                        "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, bookmaker, "
                        "player_name, player_lookup, point, over_price, under_price, snapshot_time) VALUES "
                        "('baseball_mlb', 'pitcher_strikeouts', '%1', 'e-%2-%1', '%1T23:05:00Z', '%3', '%2', '%2', "
                        "%4, %5, %6, '%1T22:00:00Z')")
                                .arg(date, lookup, QLatin1String(book))
                                .arg(point)
                                .arg(QLatin1String(over), QLatin1String(under));
                }
                csv += QStringLiteral("%1,%2,%3,%4\n")
                           .arg(date, csvField(pitcher.name))
                           .arg(pitcher.predicted)
                           .arg(pitcher.actual(day))
                           .toUtf8();
            }
        }
        // A prediction without an actual: in no accuracy number.
        csv += "2024-04-01,Ace Winner,9.0,\n";
        QCOMPARE(test::execSql(workspace->databasePath(), rows.join(QStringLiteral(";\n"))), QString());
        QFile file(m_dir.filePath(QStringLiteral("season.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();
        m_csv = file.fileName();
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(m_workspace));
        page.importPredictions(m_csv);
        QTRY_VERIFY_WITH_TIMEOUT(page.report() && page.report()->predictions == 186, 20000);
    }

    void init() { AppSettings().setMinEdge(0.5); }

    void tabsAreThere()
    {
        const auto page = seasonPage();
        auto* tabs = page->findChild<QTabWidget*>(QStringLiteral("tabs"));
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        for (const char* title : { "Accuracy", "Bankroll", "Market", "Pitchers", "Bookmakers" })
            QVERIFY2(titles.contains(QLatin1String(title)), qPrintable(titles.join(u',')));
        // Between the sweep and the matches, in this order.
        QCOMPARE(titles.indexOf(QStringLiteral("Accuracy")), titles.indexOf(QStringLiteral("Threshold sweep")) + 1);
        QCOMPARE(titles.indexOf(QStringLiteral("Bookmakers")) + 1, titles.indexOf(QStringLiteral("Matches")));
    }

    void accuracyTilesAndChart()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        const auto& a = engine.accuracy;
        QCOMPARE(a.n(), 185); // the prediction without an actual is not in it
        QCOMPARE(text(*page, QStringLiteral("depthValue_mae")), QString::number(*a.mae(), 'f', 2));
        QCOMPARE(text(*page, QStringLiteral("depthValue_rmse")), QString::number(*a.rmse(), 'f', 2));
        QCOMPARE(text(*page, QStringLiteral("depthValue_bias")),
            (*a.bias() > 0 ? QStringLiteral("+") : QString()) + QString::number(*a.bias(), 'f', 2));
        QVERIFY(text(*page, QStringLiteral("depthDetail_bias")).contains(QStringLiteral("predicts too many")));
        for (int k = 1; k <= 3; ++k)
            QCOMPARE(text(*page, QStringLiteral("depthValue_within%1").arg(k)), percent(a.within(k)));
        QVERIFY(text(*page, QStringLiteral("depthDetail_mae")).contains(QStringLiteral("n = 185")));

        auto* view = chartView(*page, "predictedVsActualChart");
        auto* mean = qobject_cast<QLineSeries*>(series(view, QStringLiteral("Mean predicted")));
        QVERIFY(mean);
        const auto points = a.byActual();
        QCOMPARE(mean->count(), int(points.size()));
        for (int i = 0; i < mean->count(); ++i) {
            QCOMPARE(mean->at(i).x(), double(points[std::size_t(i)].actual));
            QCOMPARE(mean->at(i).y(), points[std::size_t(i)].meanPredicted);
        }
        auto* diagonal = qobject_cast<QLineSeries*>(series(view, QStringLiteral("Predicted = actual")));
        QVERIFY(diagonal);
        QCOMPARE(diagonal->at(0).x(), diagonal->at(0).y());
        QCOMPARE(diagonal->at(1).x(), diagonal->at(1).y());
        // Actual values seen fewer than 30 times are ringed as thin.
        auto* thin = qobject_cast<QScatterSeries*>(series(view, QStringLiteral("Fewer than 30 predictions")));
        QVERIFY(thin);
        int thinCount = 0;
        for (const auto& point : points)
            thinCount += point.n < 30;
        QCOMPARE(thin->count(), thinCount);
    }

    void pitchersTable()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        auto* depth = page->depthView();
        auto* proxy = depth->pitchersProxy();
        QCOMPARE(proxy->rowCount(), int(engine.byPitcher.size()));
        QCOMPARE(proxy->rowCount(), 4);
        // Shown by bets, most first, ties in the engine's order (player_lookup).
        QStringList shown, expected;
        for (int row = 0; row < proxy->rowCount(); ++row)
            shown << proxy->index(row, PitchersTableModel::Lookup).data().toString();
        for (const auto& p : engine.byPitcher)
            expected << p.playerLookup;
        QCOMPARE(shown, expected);
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const auto& p = engine.byPitcher[std::size_t(row)];
            QCOMPARE(proxy->index(row, PitchersTableModel::Pitcher).data().toString(), p.pitcherName);
            QCOMPARE(proxy->index(row, PitchersTableModel::Bets).data().toString(), QString::number(p.stats.n()));
            QCOMPARE(proxy->index(row, PitchersTableModel::HitRate).data().toString(), percent(p.stats.hitRate()));
            QCOMPARE(proxy->index(row, PitchersTableModel::Roi110).data().toString(), percent(p.stats.roi110(), true));
        }
        // Bet / avoid from the engine's verdict, tinted green / red; the others untinted.
        auto rowOf = [&](const QString& lookup) {
            for (int row = 0; row < proxy->rowCount(); ++row) {
                if (proxy->index(row, PitchersTableModel::Lookup).data().toString() == lookup)
                    return row;
            }
            return -1;
        };
        const int ace = rowOf(QStringLiteral("acewinner"));
        const int bad = rowOf(QStringLiteral("badluck"));
        const int coin = rowOf(QStringLiteral("coinflip"));
        const int thin = rowOf(normalizePlayerName(QStringLiteral("Tyler \"T\" Smith, Jr.")));
        QVERIFY(ace >= 0 && bad >= 0 && coin >= 0 && thin >= 0);
        QCOMPARE(engine.byPitcher[std::size_t(ace)].verdict(), PitcherResult::Verdict::Bet);
        QCOMPARE(engine.byPitcher[std::size_t(bad)].verdict(), PitcherResult::Verdict::Avoid);
        QCOMPARE(proxy->index(ace, PitchersTableModel::Verdict).data().toString(), QStringLiteral("bet"));
        QCOMPARE(proxy->index(bad, PitchersTableModel::Verdict).data().toString(), QStringLiteral("avoid"));
        QCOMPARE(proxy->index(coin, PitchersTableModel::Verdict).data().toString(), QString());
        QCOMPARE(proxy->index(ace, PitchersTableModel::Pitcher).data(Qt::BackgroundRole).value<QBrush>().color(),
            charts::ChartTheme::good().lighter(190));
        QCOMPARE(proxy->index(bad, PitchersTableModel::Bias).data(Qt::BackgroundRole).value<QBrush>().color(),
            charts::ChartTheme::bad().lighter(185));
        QVERIFY(!proxy->index(coin, PitchersTableModel::Pitcher).data(Qt::BackgroundRole).isValid());
        // The thin pitcher (5 bets): no verdict however good, rates grey.
        QCOMPARE(proxy->index(thin, PitchersTableModel::HitRate).data().toString(), QStringLiteral("100.0%"));
        QCOMPARE(proxy->index(thin, PitchersTableModel::Verdict).data().toString(), QString());
        QCOMPARE(proxy->index(thin, PitchersTableModel::HitRate).data(Qt::ForegroundRole).value<QBrush>().color(),
            charts::ChartTheme::ideal());
        QCOMPARE(
            text(*page, QStringLiteral("pitchersCount")), QStringLiteral("4 of 4 pitchers · 1 to bet, 1 to avoid"));

        // Sorting by hit rate is numeric.
        proxy->sort(PitchersTableModel::HitRate, Qt::AscendingOrder);
        QCOMPARE(proxy->index(0, PitchersTableModel::Lookup).data().toString(), QStringLiteral("badluck"));

        // Search by the name as written and by its normalised form; the count follows.
        auto* search = page->findChild<QLineEdit*>(QStringLiteral("pitcherSearch"));
        QVERIFY(search);
        search->setText(QStringLiteral("SMITH"));
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(
            text(*page, QStringLiteral("pitchersCount")), QStringLiteral("1 of 4 pitchers · 1 to bet, 1 to avoid"));

        // The CSV holds the visible rows, quoted where a field needs it.
        const QString path = m_dir.filePath(QStringLiteral("pitchers.csv"));
        QString error;
        QVERIFY2(depth->exportPitchers(path, error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto& t = engine.byPitcher[std::size_t(thin)];
        const QString expectedCsv
            = QStringLiteral("Pitcher,Normalised name,Bets,W,L,Hit rate,ROI −110,Over,Under,Bias,Verdict\n"
                             "\"Tyler \"\"T\"\" Smith, Jr.\",%1,5,5,0,100.0%,%2,5,0,%3,\n")
                  .arg(t.playerLookup, percent(t.stats.roi110(), true),
                      (*t.bias > 0 ? QStringLiteral("+") : QString()) + QString::number(*t.bias, 'f', 2));
        QCOMPARE(QString::fromUtf8(file.readAll()), expectedCsv);

        search->setText(QStringLiteral("coin"));
        QCOMPARE(proxy->rowCount(), 1);
        search->clear();
        QCOMPARE(proxy->rowCount(), 4);
    }

    void bankrollChartAndKelly()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        const auto& b = engine.bankroll;
        QCOMPARE(int(b.path.size()), engine.overall.n());
        auto* view = chartView(*page, "bankrollChart");
        auto* units = qobject_cast<QLineSeries*>(series(view, QStringLiteral("Units")));
        QVERIFY(units);
        QCOMPARE(units->count(), int(b.path.size()) + 1);
        QCOMPARE(units->at(0), QPointF(0, 0));
        for (std::size_t i = 0; i < b.path.size(); ++i)
            QCOMPARE(units->at(int(i) + 1), QPointF(double(i + 1), b.path[i]));
        // The drawdown: its stretch of the path, from the peak to the trough.
        QVERIFY(b.maxDrawdown > 0 && b.drawdownTrough >= 0);
        auto* drawdown = qobject_cast<QLineSeries*>(seriesStartingWith(view, QStringLiteral("Max drawdown")));
        QVERIFY(drawdown);
        QCOMPARE(drawdown->name(), QStringLiteral("Max drawdown %1 units").arg(b.maxDrawdown, 0, 'f', 2));
        const double peakUnits = b.drawdownPeak < 0 ? 0.0 : b.path[std::size_t(b.drawdownPeak)];
        QCOMPARE(drawdown->at(0), QPointF(b.drawdownPeak + 1, peakUnits));
        QCOMPARE(
            drawdown->at(drawdown->count() - 1), QPointF(b.drawdownTrough + 1, b.path[std::size_t(b.drawdownTrough)]));
        QCOMPARE(drawdown->count(), b.drawdownTrough - b.drawdownPeak + 1);
        QVERIFY(qFuzzyCompare(peakUnits - b.path[std::size_t(b.drawdownTrough)], b.maxDrawdown));
        auto* ends = qobject_cast<QScatterSeries*>(series(view, QStringLiteral("Peak and trough")));
        QVERIFY(ends);
        QCOMPARE(ends->count(), 2);

        QCOMPARE(text(*page, QStringLiteral("depthValue_units")),
            (b.units > 0 ? QStringLiteral("+") : QString()) + QString::number(b.units, 'f', 2));
        QCOMPARE(text(*page, QStringLiteral("depthValue_drawdown")), QString::number(b.maxDrawdown, 'f', 2));
        QCOMPARE(text(*page, QStringLiteral("depthValue_winningStreak")), QString::number(b.longestWinningStreak));
        QCOMPARE(text(*page, QStringLiteral("depthValue_losingStreak")), QString::number(b.longestLosingStreak));
        const auto kelly = engine.kellyFraction();
        QVERIFY(kelly && *kelly > 0);
        QCOMPARE(text(*page, QStringLiteral("depthValue_kelly")), percent(kelly));
        QCOMPARE(text(*page, QStringLiteral("kellyLabel")),
            QStringLiteral("Kelly stake: %1 of bankroll per bet. It assumes every bet is at −110 and that the hit "
                           "rate of %2 holds in future.")
                .arg(percent(kelly), percent(engine.overall.hitRate())));
    }

    void sweepMarksTheRecommendedThreshold()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        const auto best = engine.recommendedMinEdge();
        // Only Ace bets past an edge of 1.5: the steps 1.75 … 2.5 tie on the highest ROI, the lower wins.
        QVERIFY(best);
        QCOMPARE(*best, 1.75);
        auto* view = chartView(*page, "sweepChart");
        auto* marker = qobject_cast<QScatterSeries*>(series(view, QStringLiteral("Recommended: min edge 1.75")));
        QVERIFY(marker);
        QCOMPARE(marker->count(), 1);
        QCOMPARE(marker->at(0).x(), 7.0); // the eighth step
        QCOMPARE(marker->at(0).y(), *engine.thresholdSweep[7].stats.roi110() * 100.0);
        QVERIFY(view->chart()->title().contains(QStringLiteral("recommended: 1.75")));
        const QString label = text(*page, QStringLiteral("sweepRecommendation"));
        QVERIFY2(label.startsWith(QStringLiteral("Recommended minimum edge: 1.75")), qPrintable(label));
        QVERIFY2(label.contains(percent(engine.thresholdSweep[7].stats.roi110(), true)), qPrintable(label));
        auto* use = page->findChild<QPushButton*>(QStringLiteral("useRecommendedButton"));
        QVERIFY(use && !use->isHidden());
        QTest::mouseClick(use, Qt::LeftButton);
        QTRY_COMPARE(page->report()->minEdge, 1.75);
        QVERIFY(use->isHidden()); // already in use
        page->setMinEdge(0.5);
        QTRY_COMPARE(page->report()->minEdge, 0.5);
    }

    void fewBetsRecommendNoThreshold()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        QString error;
        const auto ws = Workspace::open(workspace, error);
        QVERIFY2(ws, qPrintable(error));
        QCOMPARE(test::execSql(ws->databasePath(),
                     QStringLiteral("INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, "
                                    "bookmaker, player_name, player_lookup, point, over_price, under_price, "
                                    "snapshot_time) VALUES ('baseball_mlb', 'pitcher_strikeouts', '2024-05-01', 'e1', "
                                    "'2024-05-01T23:05:00Z', 'dk', 'Gerrit Cole', 'gerritcole', 5.5, -110, -110, "
                                    "'2024-05-01T22:00:00Z')")),
            QString());
        QFile file(dir.filePath(QStringLiteral("p.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("game_date,pitcher_name,predicted_strikeouts,actual_strikeouts\n2024-05-01,Gerrit Cole,7,8\n");
        file.close();
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(workspace));
        page.importPredictions(file.fileName());
        QTRY_VERIFY(page.report() && page.report()->predictions == 1);
        QVERIFY(!page.report()->recommendedMinEdge());
        QCOMPARE(text(page, QStringLiteral("sweepRecommendation")),
            QStringLiteral("No threshold has 50 bets: too few to recommend one."));
        auto* view = chartView(page, "sweepChart");
        QVERIFY(view->chart()->title().contains(QStringLiteral("no threshold has 50 bets")));
        QVERIFY(!seriesStartingWith(view, QStringLiteral("Recommended")));
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("useRecommendedButton"))->isHidden());
        // One win: a bankroll without a drawdown, no drawdown marker.
        QCOMPARE(text(page, QStringLiteral("depthValue_drawdown")), QStringLiteral("0.00"));
        QVERIFY(!seriesStartingWith(chartView(page, "bankrollChart"), QStringLiteral("Max drawdown")));
        QCOMPARE(
            qobject_cast<QLineSeries*>(series(chartView(page, "bankrollChart"), QStringLiteral("Units")))->count(), 2);
    }

    void marketTileAndCalibration()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        const auto& m = engine.market;
        QCOMPARE(m.n(), engine.overall.n()); // every bet has dk and fd at its consensus line
        const auto* value = page->findChild<QLabel*>(QStringLiteral("kpiValue_market"));
        const auto* detail = page->findChild<QLabel*>(QStringLiteral("kpiDetail_market"));
        QVERIFY(value && detail);
        QCOMPARE(
            value->text(), m.beatsMarket() ? QStringLiteral("beats the market") : QStringLiteral("does not beat it"));
        QCOMPARE(detail->text(),
            QStringLiteral("Brier %1 model · %2 market · n = %3")
                .arg(QString::number(*m.brierModel(), 'f', 4), QString::number(*m.brierMarket(), 'f', 4))
                .arg(m.n()));
        const QString summary = text(*page, QStringLiteral("marketSummary"));
        QVERIFY2(summary.contains(QString::number(*m.brierModel(), 'f', 4)), qPrintable(summary));
        QVERIFY2(summary.contains(m.beatsMarket() ? QStringLiteral("the model beats the market")
                                                  : QStringLiteral("the model does not beat the market")),
            qPrintable(summary));

        auto* view = chartView(*page, "calibrationChart");
        const std::pair<const char*, const std::array<MarketComparison::CalibrationBin, 10>*> sides[]
            = { { "Model", &m.modelCalibration() }, { "Market", &m.marketCalibration() } };
        for (const auto& [name, bins] : sides) {
            auto* line = qobject_cast<QLineSeries*>(series(view, QLatin1String(name)));
            QVERIFY2(line, name);
            QList<QPointF> expected;
            for (const auto& bin : *bins) {
                if (bin.n > 0)
                    expected << QPointF(*bin.meanProbability() * 100.0, *bin.winRate() * 100.0);
            }
            QVERIFY(!expected.isEmpty());
            QCOMPARE(line->points(), expected);
        }
        auto* diagonal = qobject_cast<QLineSeries*>(series(view, QStringLiteral("Perfectly calibrated")));
        QVERIFY(diagonal);
        QCOMPARE(diagonal->points(), (QList<QPointF> { { 0, 0 }, { 100, 100 } }));
    }

    void bookmakersTable()
    {
        const auto page = seasonPage();
        const auto engine = engineReport(m_workspace, 0.5);
        auto* proxy = page->depthView()->bookmakersProxy();
        QCOMPARE(proxy->rowCount(), int(engine.byBookmaker.size()));
        QCOMPARE(proxy->rowCount(), 3);
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const auto& group = engine.byBookmaker[std::size_t(row)];
            const auto& s = group.stats;
            auto cell = [&](int column) { return proxy->index(row, column).data().toString(); };
            QCOMPARE(cell(BookmakersTableModel::Bookmaker), group.key);
            QCOMPARE(cell(BookmakersTableModel::Bets), QString::number(s.n()));
            QCOMPARE(cell(BookmakersTableModel::Wins), QString::number(s.wins()));
            QCOMPARE(cell(BookmakersTableModel::Losses), QString::number(s.losses()));
            QCOMPARE(cell(BookmakersTableModel::Pushes), QString::number(s.pushes()));
            QCOMPARE(cell(BookmakersTableModel::HitRate), percent(s.hitRate()));
            QCOMPARE(cell(BookmakersTableModel::Roi110), percent(s.roi110(), true));
            QCOMPARE(cell(BookmakersTableModel::RoiMarket), percent(s.roiMarket(), true));
        }
        proxy->sort(BookmakersTableModel::RoiMarket, Qt::DescendingOrder);
        const double first
            = proxy->index(0, BookmakersTableModel::RoiMarket).data(BookmakersTableModel::SortRole).toDouble();
        const double last
            = proxy->index(2, BookmakersTableModel::RoiMarket).data(BookmakersTableModel::SortRole).toDouble();
        QVERIFY(first >= last);
    }

    void emptyStatesSaySo()
    {
        QTemporaryDir empty;
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(empty.path()));
        QTRY_VERIFY(page.report().has_value());
        for (const char* key : { "mae", "rmse", "bias", "within1", "units", "drawdown", "kelly" })
            QCOMPARE(text(page, QStringLiteral("depthValue_%1").arg(QLatin1String(key))), QStringLiteral("–"));
        QCOMPARE(text(page, QStringLiteral("kpiValue_market")), QStringLiteral("–"));
        QCOMPARE(text(page, QStringLiteral("kellyLabel")),
            QStringLiteral("No graded bets at this minimum edge: no Kelly stake yet."));
        QVERIFY(text(page, QStringLiteral("marketSummary")).startsWith(QStringLiteral("No graded bets")));
        QVERIFY(
            text(page, QStringLiteral("pitchersCount")).startsWith(QStringLiteral("No pitcher has a won or lost bet")));
        QVERIFY(text(page, QStringLiteral("bookmakersSummary")).startsWith(QStringLiteral("No graded bets")));
        QCOMPARE(text(page, QStringLiteral("sweepRecommendation")),
            QStringLiteral("No predictions yet: no threshold to recommend."));
        QVERIFY(chartView(page, "bankrollChart")->chart()->title().contains(QStringLiteral("no graded bets yet")));
        QVERIFY(chartView(page, "predictedVsActualChart")
                    ->chart()
                    ->title()
                    .contains(QStringLiteral("no predictions with an actual")));
        QVERIFY(chartView(page, "calibrationChart")->chart()->title().contains(QStringLiteral("no bet has")));
        QCOMPARE(
            qobject_cast<QLineSeries*>(series(chartView(page, "calibrationChart"), QStringLiteral("Model")))->count(),
            0);
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("pitchersExportButton"))->isEnabled());
    }

    void modelsUnderTheTester()
    {
        auto page = std::make_unique<EvaluatePage>();
        auto* depth = page->depthView();
        QAbstractItemModelTester pitchers(
            depth->pitchersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester pitchersProxy(
            depth->pitchersProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester bookmakers(
            depth->bookmakersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester bookmakersProxy(
            depth->bookmakersProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->setWorkspace(bfs::test::workspaceAt(m_workspace));
        QTRY_VERIFY_WITH_TIMEOUT(page->report() && page->report()->predictions == 186, 20000);
        QCOMPARE(depth->pitchersModel()->rowCount(), 4);
        QCOMPARE(depth->bookmakersModel()->rowCount(), 3);
        for (int column = 0; column < PitchersTableModel::ColumnCount; ++column) {
            depth->pitchersProxy()->sort(column, Qt::DescendingOrder);
            QVERIFY(!depth->pitchersModel()->headerData(column, Qt::Horizontal).toString().isEmpty());
        }
        depth->pitchersProxy()->setSearch(QStringLiteral("luck"));
        QCOMPARE(depth->pitchersProxy()->rowCount(), 1);
        depth->pitchersProxy()->setSearch({});
        // A min edge past every prediction's edge leaves no bet: the models reset to empty.
        page->setMinEdge(3.0);
        QTRY_COMPARE(page->report()->minEdge, 3.0);
        QCOMPARE(depth->pitchersModel()->rowCount(), 0);
        QCOMPARE(depth->bookmakersModel()->rowCount(), 3); // listed even before a graded bet
        QCOMPARE(
            depth->bookmakersProxy()->index(0, BookmakersTableModel::HitRate).data().toString(), QStringLiteral("–"));
        page->setMinEdge(0.5);
        QTRY_COMPARE(page->report()->minEdge, 0.5);
        QCOMPARE(depth->pitchersModel()->rowCount(), 4);
    }
};

QTEST_MAIN(TestEvaluationDepth)
#include "tst_evaluationdepth.moc"
