// The Evaluate screen offscreen: import, min-edge changes, KPI tiles and chart series
// against the engine, the matches models, failed imports, export and drag and drop.
#include "ReportExporter.h"
#include "pages/EvaluatePage.h"

#include "charts/EvaluationCharts.h"
#include "evaluation/Evaluator.h"
#include "models/MatchesFilterModel.h"
#include "models/MatchesTableModel.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace bfs;
using namespace bfs::app;

namespace {

QString lineRow(
    const char* date, const char* lookup, const char* bookmaker, double point, const char* over, const char* under)
{
    return QStringLiteral(
        "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, bookmaker, "
        "player_name, player_lookup, point, over_price, under_price, snapshot_time) VALUES "
        "('baseball_mlb', 'pitcher_strikeouts', '%1', 'e-%2', '%1T23:05:00Z', '%3', '%2', '%2', %4, %5, "
        "%6, '%1T22:00:00Z')")
        .arg(QLatin1String(date), QLatin1String(lookup), QLatin1String(bookmaker))
        .arg(point)
        .arg(QLatin1String(over), QLatin1String(under));
}

const QByteArray Predictions = "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts,recommendation\n"
                               "2024-05-01,Gerrit Cole,6.5,7,\n"
                               "2024-05-01,Chris Sale,6.5,6,\n"
                               "2024-05-02,Jose Berrios,3.5,3,\n"
                               "2024-06-03,Lance McCullers,5.9,7,\n"
                               "2024-06-03,Lance McCullers Jr.,4.8,7,UNDER\n"
                               "2024-06-03,Unknown Guy,5,5,\n"
                               "2024-06-03,Lance McCullers,7.0,,\n";

QLineSeries* lineSeries(QChartView* view, const QString& name)
{
    for (auto* series : view->chart()->series()) {
        if (series->name() == name)
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

QBarSet* firstBarSet(QChartView* view)
{
    for (auto* series : view->chart()->series()) {
        if (auto* bars = qobject_cast<QBarSeries*>(series))
            return bars->barSets().value(0);
    }
    return nullptr;
}

} // namespace

class TestEvaluatePage final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_csv;

    QString write(const char* name, const QByteArray& contents)
    {
        QFile file(m_dir.filePath(QString::fromLatin1(name)));
        file.open(QIODevice::WriteOnly);
        file.write(contents);
        return file.fileName();
    }

    EvaluationReport engineReport(double minEdge)
    {
        QString error;
        const auto workspace = Workspace::open(m_workspace, error);
        const auto connection = workspace->connect(error);
        return Evaluator::evaluate(*Evaluator::load(connection, error), minEdge);
    }

    static QString tile(const EvaluatePage& page, const char* key)
    {
        const auto* label = page.findChild<QLabel*>(QStringLiteral("kpiValue_%1").arg(QLatin1String(key)));
        return label ? label->text() : QStringLiteral("<no tile>");
    }

    // Fresh page on the fixture workspace with the CSV imported.
    std::unique_ptr<EvaluatePage> importedPage()
    {
        auto page = std::make_unique<EvaluatePage>();
        QSignalSpy shown(page.get(), &EvaluatePage::reportShown);
        page->setWorkspace(bfs::test::workspaceAt(m_workspace));
        page->importPredictions(m_csv);
        [&] { QTRY_VERIFY(page->report() && page->report()->predictions == 7); }();
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_evaluatepage"));
        m_workspace = m_dir.filePath(QStringLiteral("ws"));
        QString error;
        const auto workspace = Workspace::open(m_workspace, error);
        QVERIFY2(workspace, qPrintable(error));
        const QStringList rows { lineRow("2024-05-01", "gerritcole", "dk", 5.5, "-110", "-110"),
            lineRow("2024-05-01", "gerritcole", "fd", 5.5, "100", "-120"),
            lineRow("2024-05-01", "gerritcole", "mgm", 6.5, "-110", "-110"),
            lineRow("2024-05-01", "chrissale", "dk", 6.0, "-110", "-110"),
            lineRow("2024-05-02", "joseberrios", "dk", 4.5, "120", "-140"),
            lineRow("2024-06-03", "lancemccullers", "dk", 5.5, "-110", "-110") };
        QCOMPARE(test::execSql(workspace->databasePath(), rows.join(QStringLiteral(";\n"))), QString());
        m_csv = write("predictions.csv", Predictions);
    }

    void init()
    {
        // The page keeps its threshold in the settings: every test starts from the default.
        AppSettings().setMinEdge(0.5);
    }

    void emptyWorkspaceShowsHowToStart()
    {
        QTemporaryDir empty;
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(empty.path()));
        QTRY_VERIFY(page.report().has_value());
        QCOMPARE(page.report()->predictions, 0);
        QCOMPARE(tile(page, "hitRate"), QStringLiteral("–"));
        QCOMPARE(tile(page, "decision"), QStringLiteral("–")); // no verdict over 0 bets
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("statusLabel"))->text().contains(QStringLiteral("import")));
    }

    void predictionsWithoutLinesNameTheDatesToBackfill()
    {
        QTemporaryDir empty;
        QString error;
        QVERIFY2(Workspace::open(empty.path(), error), qPrintable(error));
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(empty.path()));
        QTRY_VERIFY(page.report().has_value());
        page.importPredictions(m_csv);
        QTRY_VERIFY(page.report() && page.report()->predictions == 7);
        QCOMPARE(page.report()->withLine, 0);
        QCOMPARE(tile(page, "decision"), QStringLiteral("–"));
        const QString status = page.findChild<QLabel*>(QStringLiteral("statusLabel"))->text();
        QVERIFY2(
            status.contains(QStringLiteral("No betting lines loaded for 2024-05-01 … 2024-06-03")), qPrintable(status));
        // The empty chart says so and spans the predictions' dates, not "Jan 1, Jan 1, …".
        const QChart* cumulative = page.findChild<QChartView*>(QStringLiteral("cumulativeChart"))->chart();
        QVERIFY2(cumulative->title().contains(QStringLiteral("no graded bets yet")), qPrintable(cumulative->title()));
        auto* dates = qobject_cast<QDateTimeAxis*>(cumulative->axes(Qt::Horizontal).value(0));
        QVERIFY(dates);
        QCOMPARE(dates->min().date(), QDate(2024, 5, 1));
        QCOMPARE(dates->max().date(), QDate(2024, 6, 3));
        auto* go = page.findChild<QPushButton*>(QStringLiteral("goToBackfillButton"));
        QVERIFY(go && !go->isHidden());
        QSignalSpy requested(&page, &EvaluatePage::backfillRequested);
        QTest::mouseClick(go, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        // With lines the button goes away.
        const auto withLines = importedPage();
        QVERIFY(withLines->findChild<QPushButton*>(QStringLiteral("goToBackfillButton"))->isHidden());
    }

    void unusableWorkspaceIsNamed()
    {
        // Opened by the window, then its database overwritten by something that is not one.
        const QString dir = m_dir.filePath(QStringLiteral("ws-broken"));
        const Workspace workspace = bfs::test::workspaceAt(dir);
        {
            QFile database(workspace.databasePath());
            QVERIFY(database.open(QIODevice::WriteOnly | QIODevice::Truncate));
            database.write(QByteArray(4096, 'x'));
        }
        QFile::remove(workspace.databasePath() + QStringLiteral("-wal"));
        QFile::remove(workspace.databasePath() + QStringLiteral("-shm"));
        EvaluatePage page;
        QSignalSpy failed(&page, &EvaluatePage::failed);
        page.setWorkspace(workspace);
        QTRY_COMPARE(failed.count(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("not a database")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("imported")));
        QVERIFY(!page.report());
    }

    void importShowsTheEnginesNumbers()
    {
        const auto page = importedPage();
        const auto engine = engineReport(0.5);
        const auto& s = engine.overall;
        QVERIFY(page->report()->toJson() == engine.toJson());
        QCOMPARE(tile(*page, "coverage"), QStringLiteral("85.7%")); // 6 of 7
        // The one-tailed test is named as such, with the bound that agrees with it.
        const auto* pValueDetail = page->findChild<QLabel*>(QStringLiteral("kpiDetail_pValue"));
        QVERIFY2(pValueDetail && pValueDetail->text().contains(QStringLiteral("one-tailed: above break-even")),
            qPrintable(pValueDetail->text()));
        const auto* hitRateDetail = page->findChild<QLabel*>(QStringLiteral("kpiDetail_hitRate"));
        QVERIFY2(hitRateDetail->text().contains(QStringLiteral("one-sided bound")), qPrintable(hitRateDetail->text()));
        QCOMPARE(tile(*page, "bets"), QStringLiteral("4"));
        QCOMPARE(tile(*page, "record"), QStringLiteral("2 – 1 – 1"));
        QCOMPARE(tile(*page, "hitRate"), QStringLiteral("66.7%"));
        QCOMPARE(tile(*page, "breakeven"), QStringLiteral("52.4%"));
        QCOMPARE(tile(*page, "roi110"), QStringLiteral("+%1%").arg(*s.roi110() * 100, 0, 'f', 1));
        QCOMPARE(tile(*page, "roiMarket"), QStringLiteral("+%1%").arg(*s.roiMarket() * 100, 0, 'f', 1));
        QCOMPARE(tile(*page, "pValue"), QString::number(*s.pValue(), 'f', 4));
        QCOMPARE(tile(*page, "decision"), QStringLiteral("INCONCLUSIVE"));
        // The import is in the run history with its headline numbers.
        QCOMPARE(test::queryScalar(m_workspace + QStringLiteral("/workspace.sqlite"),
                     QStringLiteral("SELECT json_extract(summary_json, '$.decision') FROM runs WHERE kind = 'evaluate' "
                                    "ORDER BY id DESC LIMIT 1")),
            QStringLiteral("INCONCLUSIVE"));
        const auto* detail = page->findChild<QLabel*>(QStringLiteral("kpiDetail_hitRate"));
        QVERIFY(detail->text().contains(QStringLiteral("%1%").arg(*s.wilsonLow() * 100, 0, 'f', 1)));
    }

    void chartsCarryTheReport()
    {
        const auto page = importedPage();
        const auto engine = engineReport(0.5);
        auto* cumulative = page->findChild<QChartView*>(QStringLiteral("cumulativeChart"));
        auto* hitRate = lineSeries(cumulative, QStringLiteral("Hit rate"));
        QVERIFY(hitRate);
        QCOMPARE(hitRate->count(), int(engine.cumulative.size()));
        for (int i = 0; i < hitRate->count(); ++i)
            QCOMPARE(hitRate->at(i).y(), engine.cumulative[std::size_t(i)].hitRate() * 100.0);
        QVERIFY(lineSeries(cumulative, QStringLiteral("Break-even 52.4 %")));

        auto* edge = firstBarSet(page->findChild<QChartView*>(QStringLiteral("edgeChart")));
        QVERIFY(edge);
        QCOMPARE(edge->count(), 5);
        QCOMPARE(edge->at(2), 100.0); // [1,1.5): two wins
        QCOMPARE(edge->at(1), 0.0); // [0.5,1): one loss, one push
        auto* axis = qobject_cast<QBarCategoryAxis*>(
            page->findChild<QChartView*>(QStringLiteral("edgeChart"))->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->categories().at(2), QStringLiteral("[1, 1.5)\nn=2 · thin"));
        QCOMPARE(axis->categories().at(4), QStringLiteral("[2, ∞)\nn=0 · thin"));
        // Every bucket of the fixture has fewer than 30 bets: all drawn pale, and the title says why.
        for (int i = 0; i < edge->count(); ++i)
            QVERIFY(edge->isBarSelected(i));
        QVERIFY(page->findChild<QChartView*>(QStringLiteral("edgeChart"))
                    ->chart()
                    ->title()
                    .contains(QStringLiteral("pale: fewer than 30 bets")));

        auto* side = firstBarSet(page->findChild<QChartView*>(QStringLiteral("sideChart")));
        QCOMPARE(side->count(), 2);
        QCOMPARE(side->at(1), 50.0); // UNDER: 1 win, 1 loss
        auto* month = firstBarSet(page->findChild<QChartView*>(QStringLiteral("monthChart")));
        QCOMPARE(month->count(), 2);

        auto* sweepView = page->findChild<QChartView*>(QStringLiteral("sweepChart"));
        auto* bets = firstBarSet(sweepView);
        QCOMPARE(bets->count(), 13);
        for (int i = 0; i < 13; ++i)
            QCOMPARE(int(bets->at(i)), engine.thresholdSweep[std::size_t(i)].stats.n());
        // Thin steps (all of them here) are the dashed series; the solid one holds none.
        QCOMPARE(lineSeries(sweepView, QStringLiteral("Hit rate"))->count(), 0);
        auto* sweepRate = lineSeries(sweepView, QStringLiteral("Hit rate, under 30 bets"));
        QVERIFY(sweepRate);
        QCOMPARE(sweepRate->at(0).y(), *engine.thresholdSweep[0].stats.hitRate() * 100.0);
        QVERIFY(lineSeries(sweepView, QStringLiteral("ROI −110")));
        QVERIFY(lineSeries(sweepView, QStringLiteral("ROI, under 30 bets")));
    }

    void minEdgeRecomputes()
    {
        const auto page = importedPage();
        auto* spin = page->findChild<QDoubleSpinBox*>(QStringLiteral("minEdgeSpin"));
        spin->setValue(1.0);
        QTRY_COMPARE(page->report()->minEdge, 1.0);
        QVERIFY(page->report()->toJson() == engineReport(1.0).toJson());
        QCOMPARE(tile(*page, "record"), QStringLiteral("2 – 1 – 0"));
        QCOMPARE(tile(*page, "bets"), QStringLiteral("3"));
        // Typing through several values quickly ends on the last one.
        spin->setValue(0.25);
        spin->setValue(0.75);
        spin->setValue(0.0);
        QTRY_COMPARE(page->report()->minEdge, 0.0);
        QCOMPARE(tile(*page, "record"), QStringLiteral("3 – 1 – 1"));
    }

    void reportUsesTheMinEdgeOnScreen()
    {
        const auto page = importedPage();
        page->setMinEdge(1.5);
        QTRY_COMPARE(page->report()->minEdge, 1.5);
        QCOMPARE(AppSettings().minEdge(), 1.5);
        // The exported report is collected with the screen's threshold and carries its numbers.
        auto collected = ReportExporter::collect(bfs::test::workspaceAt(m_workspace));
        collected.waitForFinished();
        const auto result = collected.result();
        QVERIFY2(result.report, qPrintable(result.error));
        QCOMPARE(result.report->minEdge, 1.5);
        QVERIFY(result.report->evaluation->toJson() == page->report()->toJson());
        page->setMinEdge(0.5);
        QTRY_COMPARE(page->report()->minEdge, 0.5);
    }

    void models()
    {
        auto page = std::make_unique<EvaluatePage>();
        QAbstractItemModelTester source(page->matchesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxy(page->matchesProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester unmatched(
            page->unmatchedProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->setWorkspace(bfs::test::workspaceAt(m_workspace));
        page->importPredictions(m_csv);
        QTRY_VERIFY(page->report() && page->report()->predictions == 7);
        QCOMPARE(page->matchesModel()->rowCount(), 7);
        QCOMPARE(page->unmatchedProxy()->rowCount(), 1);
        QCOMPARE(page->unmatchedProxy()->index(0, MatchesTableModel::Lookup).data().toString(),
            QStringLiteral("unknownguy"));

        page->matchesProxy()->setResultFilter(BetResult::Win);
        QCOMPARE(page->matchesProxy()->rowCount(), 2);
        page->matchesProxy()->setResultFilter(std::nullopt);
        // Search by the name as written and by its normalised form.
        page->matchesProxy()->setPitcherSearch(QStringLiteral("Berríos"));
        QCOMPARE(page->matchesProxy()->rowCount(), 1);
        page->matchesProxy()->setPitcherSearch(QStringLiteral("mccullers"));
        QCOMPARE(page->matchesProxy()->rowCount(), 3);
        page->matchesProxy()->setPitcherSearch({});

        // Edge sorts numerically (−0.7 before 0.4), rows without a line last.
        page->matchesProxy()->sort(MatchesTableModel::Edge, Qt::AscendingOrder);
        QCOMPARE(page->matchesProxy()->index(0, MatchesTableModel::Edge).data().toString(), QStringLiteral("-1.00"));
        QCOMPARE(page->matchesProxy()->index(1, MatchesTableModel::Edge).data().toString(), QStringLiteral("-0.70"));

        // Min-edge changes reset the models under the testers.
        page->setMinEdge(2.0);
        QTRY_COMPARE(page->report()->minEdge, 2.0);
        QCOMPARE(page->matchesModel()->rowCount(), 7);
    }

    void failedImportKeepsThePreviousSet()
    {
        const auto page = importedPage();
        const auto before = page->report()->toJson();
        QSignalSpy failed(page.get(), &EvaluatePage::failed);
        page->importPredictions(
            write("bad.csv", "game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,6\n2024-05-01,B,seven\n"));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("line 3, column predicted_strikeouts")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(page->report()->toJson() == before);
        QVERIFY(page->findChild<QLabel*>(QStringLiteral("statusLabel"))
                    ->text()
                    .contains(QStringLiteral("previous predictions are kept")));
        QCOMPARE(test::queryScalar(m_workspace + QStringLiteral("/workspace.sqlite"),
                     QStringLiteral("SELECT COUNT(*) FROM predictions")),
            QStringLiteral("7"));
    }

    void exportsTheVisibleRows()
    {
        const auto page = importedPage();
        page->matchesProxy()->setResultFilter(BetResult::Win);
        const QString path = m_dir.filePath(QStringLiteral("wins.csv"));
        QString error;
        QVERIFY2(page->exportMatches(path, error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.first().startsWith(QStringLiteral("Date,Pitcher,Normalised name")));
        QVERIFY(lines.at(1).endsWith(QStringLiteral(",WIN")));
    }

    void dropImportsACsv()
    {
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(m_workspace));
        QTRY_VERIFY(page.report().has_value());
        const QString csv = write("dropped.csv", Predictions + "2024-06-04,Someone Else,5,4,\n");
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(csv) });
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&page, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&page, &drop);
        QTRY_COMPARE(page.report()->predictions, 8);
        // Something that is not a CSV is refused at the door.
        QMimeData other;
        other.setUrls({ QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt"))) });
        QDragEnterEvent refuse(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        refuse.setAccepted(false);
        QCoreApplication::sendEvent(&page, &refuse);
        QVERIFY(!refuse.isAccepted());
        // Put the fixture back for the other tests.
        page.importPredictions(m_csv);
        QTRY_COMPARE(page.report()->predictions, 7);
    }

    void showingThePageAgainPicksUpNewLines()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        QString error;
        QVERIFY(Workspace::open(workspace, error));
        const QString db = workspace + QStringLiteral("/workspace.sqlite");
        QCOMPARE(test::execSql(db, lineRow("2024-05-01", "gerritcole", "dk", 5.5, "-110", "-110")), QString());
        EvaluatePage page;
        page.setWorkspace(bfs::test::workspaceAt(workspace));
        page.importPredictions(write("two.csv",
            "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts\n"
            "2024-05-01,Gerrit Cole,6.5,7\n2024-05-01,Chris Sale,7.5,8\n"));
        QTRY_VERIFY(page.report() && page.report()->predictions == 2);
        page.show();
        QTRY_COMPARE(page.report()->noLine, 1);
        // A backfill elsewhere loads Sale's line; coming back to the screen re-matches.
        QCOMPARE(test::execSql(db, lineRow("2024-05-01", "chrissale", "dk", 6.5, "-110", "-110")), QString());
        page.hide();
        page.show();
        QTRY_COMPARE(page.report()->noLine, 0);
        QCOMPARE(page.report()->overall.wins(), 2);
    }

    void screenshots()
    {
        // BFS_SCREENSHOTS=DIR saves one PNG per tab, to look at the screen without a display;
        // BFS_SCREENSHOT_WORKSPACE=DIR shows that workspace (e.g. a demo season) instead of the fixture.
        const QString dir = qEnvironmentVariable("BFS_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set BFS_SCREENSHOTS=DIR to save screenshots");
        const QString workspace = qEnvironmentVariable("BFS_SCREENSHOT_WORKSPACE");
        std::unique_ptr<EvaluatePage> page;
        if (workspace.isEmpty()) {
            page = importedPage();
        } else {
            page = std::make_unique<EvaluatePage>();
            page->setWorkspace(bfs::test::workspaceAt(workspace));
            QTRY_VERIFY_WITH_TIMEOUT(page->report().has_value(), 30000);
        }
        page->resize(1200, 820);
        page->show();
        auto* tabs = page->findChild<QTabWidget*>(QStringLiteral("tabs"));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
            QVERIFY(page->grab().save(QStringLiteral("%1/evaluate-%2.png").arg(dir).arg(i)));
        }
    }
};

QTEST_MAIN(TestEvaluatePage)
#include "tst_evaluatepage.moc"
