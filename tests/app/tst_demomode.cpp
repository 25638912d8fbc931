// Demo mode offscreen, end to end: the demo workspace is prepared, the built-in
// simulator answers, the Backfill screen fetches and loads, and the Evaluate, Reports
// and Runs screens show real data from it; the report exports without blocking.
#include "MainWindow.h"
#include "ReportExporter.h"
#include "models/RunsTableModel.h"
#include "pages/BackfillPage.h"
#include "pages/EvaluatePage.h"
#include "pages/FeaturesPage.h"
#include "pages/LoadPanel.h"
#include "pages/ReportsPage.h"
#include "pages/RunsPage.h"
#include "pages/StatusDashboard.h"
#include "settings/AppSettings.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using namespace bfs::app;

class TestDemoMode : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_demomode"));
    }

    void everyScreenWorksWithoutAnApiKey()
    {
        qunsetenv("ODDS_API_KEY");
        MainWindow window;
        window.show();
        QSignalSpy ready(&window, &MainWindow::demoReady);
        const QString dir = m_dir.filePath(QStringLiteral("demo"));
        window.openDemo(dir);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 120000);
        QVERIFY(window.isDemo());
        QVERIFY(window.simulatorUrl().startsWith(QStringLiteral("http://127.0.0.1:")));
        QCOMPARE(window.workspace()->dir(), QDir(dir).absolutePath());
        QCOMPARE(window.featuresPage()->settings().database, dir + QStringLiteral("/races.sqlite"));

        // Backfill against the in-process simulator (a short range keeps the test quick),
        // then phase 2 loads what was fetched.
        BackfillPage* backfill = window.backfillPage();
        QCOMPARE(backfill->settings().apiBase, window.simulatorUrl());
        QVERIFY(!backfill->settings().apiKey.isEmpty());
        backfill->useSession(
            window.simulatorUrl(), backfill->settings().apiKey, QDate(2024, 4, 1), QDate(2024, 4, 3), 500);
        QSignalSpy fetched(backfill, &BackfillPage::runFinished);
        QSignalSpy loaded(backfill->loadPanel(), &LoadPanel::loadFinished);
        QVERIFY2(backfill->start(), qPrintable(backfill->errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 120000);
        QCOMPARE(fetched.at(0).at(0).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QVERIFY(backfill->loadPanel()->lastSummary().filesLoaded > 0);
        const QString db = window.workspace()->databasePath();
        const int lines = test::queryScalar(db, QStringLiteral("SELECT count(*) FROM betting_lines")).toInt();
        QVERIFY(lines > 100);
        QCOMPARE(qint64(lines), backfill->loadPanel()->lastSummary().rowsTotal);
        // The session's simulator URL is never saved as the user's API base.
        QVERIFY(!AppSettings().apiBaseUrl().contains(QStringLiteral("127.0.0.1")));

        // Features: a test-mode run on the demo races is recorded in the history too.
        FeaturesPage* features = window.featuresPage();
        features->findChild<QCheckBox*>(QStringLiteral("testModeCheck"))->setChecked(true);
        QSignalSpy featuresDone(features, &FeaturesPage::runFinished);
        QVERIFY(features->start());
        QTRY_COMPARE_WITH_TIMEOUT(featuresDone.count(), 1, 120000);
        QCOMPARE(featuresDone.at(0).at(0).toBool(), true);

        // Evaluate: the demo predictions of those dates now have lines.
        auto* evaluate = window.findChild<EvaluatePage*>();
        QVERIFY(evaluate);
        QSignalSpy shown(evaluate, &EvaluatePage::reportShown);
        window.showPage(2);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1, 60000);
        // Its status tab: the seed's dashboard, phases 1–5.
        StatusDashboard* status = evaluate->statusDashboard();
        QTRY_COMPARE_WITH_TIMEOUT(status->phaseText(1), QStringLiteral("3 / 3 (100.0 %)"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(status->phaseText(2).endsWith(QStringLiteral("(100.0 %)")), 30000);
        QVERIFY2(status->phaseText(5).startsWith(QStringLiteral("hit rate ")), qPrintable(status->phaseText(5)));
        QCOMPARE(status->failuresText(), QStringLiteral("No failed dates."));

        // Runs: the backfill and the load are in the history.
        RunsPage* runs = window.runsPage();
        QSignalSpy refreshed(runs, &RunsPage::refreshed);
        window.showPage(4);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && runs->model()->rowCount() >= 3, 30000);
        QAbstractItemModelTester tester(runs->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList kinds;
        for (const RunRecord& run : runs->model()->runs())
            kinds << run.kind;
        QVERIFY2(kinds.contains(QStringLiteral("backfill")) && kinds.contains(QStringLiteral("load"))
                && kinds.contains(QStringLiteral("features")),
            qPrintable(kinds.join(u',')));
        runs->select({ 0, 1 });
        QVERIFY(runs->detailsHtml().contains(QStringLiteral("against run")));
        runs->select({ 0 });
        const QString runReport = runs->writeRunReport();
        QVERIFY(QFile::exists(runReport));

        // Reports: the preview has the evaluation's numbers; an export writes the file.
        ReportsPage* reports = window.reportsPage();
        QSignalSpy preview(reports, &ReportsPage::previewReady);
        window.showPage(3);
        QTRY_VERIFY_WITH_TIMEOUT(preview.count() >= 1, 60000);
        QVERIFY2(
            reports->previewText().contains(QStringLiteral("Hit rate")), qPrintable(reports->previewText().left(400)));
        QVERIFY(reports->previewText().contains(QStringLiteral("Decision:")));
        QSignalSpy exported(reports->exporter(), &ReportExporter::exported);
        const QString html = m_dir.filePath(QStringLiteral("demo-report.html"));
        reports->exportTo(html);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        // Progress, cumulative hit rate and edge buckets; no speedup chart without a benchmark run.
        QCOMPARE(contents.count("data:image/png;base64,"), 3);
        QVERIFY(!contents.contains(backfill->settings().apiKey.toUtf8()));
    }

    void exporterRefusesUnknownFormats()
    {
        ReportExporter exporter;
        QSignalSpy failed(&exporter, &ReportExporter::failed);
        QVERIFY(!exporter.exportReport(
            bfs::test::workspaceAt(m_dir.path()), m_dir.filePath(QStringLiteral("report.docx"))));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("supported: html, pdf, csv, json")));
        QCOMPARE(ReportExporter::formatForPath(QStringLiteral("x/Report.PDF")), QStringLiteral("pdf"));
        QCOMPARE(ReportExporter::formatForPath(QStringLiteral("x/report.htm")), QStringLiteral("html"));
        // The save dialog's chosen type decides when the typed name has no report suffix.
        const QStringList filters = ReportExporter::fileDialogFilter().split(QStringLiteral(";;"));
        QCOMPARE(filters.size(), 4);
        QCOMPARE(
            ReportExporter::pathForChoice(QStringLiteral("x/report"), filters.at(1)), QStringLiteral("x/report.html"));
        QCOMPARE(
            ReportExporter::pathForChoice(QStringLiteral("x/report"), filters.at(0)), QStringLiteral("x/report.pdf"));
        QCOMPARE(
            ReportExporter::pathForChoice(QStringLiteral("x/report"), filters.at(2)), QStringLiteral("x/report.csv"));
        QCOMPARE(ReportExporter::pathForChoice(QStringLiteral("x/report.v2"), filters.at(3)),
            QStringLiteral("x/report.v2.json"));
        QCOMPARE(ReportExporter::pathForChoice(QStringLiteral("x/report.csv"), filters.at(1)),
            QStringLiteral("x/report.csv"));
        QCOMPARE(ReportExporter::pathForChoice(QStringLiteral("x/report"), QString()), QString());
        // A report written over the workspace's database would destroy it.
        QVERIFY(!exporter.exportReport(
            bfs::test::workspaceAt(m_dir.path()), m_dir.filePath(QStringLiteral("workspace.sqlite"))));
        QCOMPARE(failed.count(), 2);
        QVERIFY2(failed.at(1).at(0).toString().contains(QStringLiteral("is the workspace's database")),
            qPrintable(failed.at(1).at(0).toString()));
    }

    void runsModelHeadlines()
    {
        RunRecord features;
        features.kind = QStringLiteral("features");
        features.summary = { { "races", 45000 }, { "runners", 441789 }, { "workers", 1 } };
        QCOMPARE(RunsTableModel::headline(features), QStringLiteral("45,000 races · 441,789 runners · 1 worker"));
        RunRecord evaluation;
        evaluation.kind = QStringLiteral("evaluate");
        evaluation.summary = { { "hit_rate", 0.571 }, { "bets", 359 }, { "decision", "STRONG" } };
        QCOMPARE(RunsTableModel::headline(evaluation), QStringLiteral("hit rate 57.1% · 359 bets · STRONG"));
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({ features, evaluation });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, RunsTableModel::Kind)).toString(), QStringLiteral("Features"));
    }
};

QTEST_MAIN(TestDemoMode)
#include "tst_demomode.moc"
