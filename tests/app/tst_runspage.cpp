// The Runs screen and the live charts' empty and fitted states, offscreen.
#include "charts/ProgressChart.h"
#include "charts/SpeedupChart.h"
#include "models/RunsTableModel.h"
#include "pages/RunsPage.h"
#include "storage/RunHistory.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace bfs;
using namespace bfs::app;

class TestRunsPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static RunRecord failedBackfill()
    {
        RunRecord run;
        run.id = 7;
        run.kind = QStringLiteral("backfill");
        run.status = QStringLiteral("failed");
        run.startedAt = QDateTime(QDate(2024, 6, 1), QTime(10, 0), Qt::UTC);
        run.endedAt = run.startedAt.addSecs(126); // the row's stamps; the job's clock says 125.2 s
        run.summary = { { "dates_done", 1200 }, { "dates_failed", 3 }, { "seconds", 125.2 }, { "workers", 1 },
            { "error", "cannot reach the API at http://127.0.0.1:9" } };
        run.config = { { "rate", 25.0 }, { "max_retries", 5 } };
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_runspage"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void failedRunKeepsItsError()
    {
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({ failedBackfill() });
        QCOMPARE(model.index(0, RunsTableModel::Kind).data().toString(), QStringLiteral("Backfill"));
        QCOMPARE(model.index(0, RunsTableModel::Duration).data().toString(), QStringLiteral("2 min 05 s"));
        QVERIFY(model.index(0, RunsTableModel::Headline)
                    .data()
                    .toString()
                    .contains(QStringLiteral("cannot reach the API")));
    }

    void detailsReadAsLabelsWithUnits()
    {
        const QString html = RunsPage::runHtml(failedBackfill());
        QVERIFY2(html.contains(QStringLiteral("Error:")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("Dates done")));
        QVERIFY(html.contains(QStringLiteral("1,200")));
        QVERIFY(html.contains(QStringLiteral("25.00 requests/s")));
        QVERIFY(html.contains(QStringLiteral("duration 2 min 05 s")));
        QVERIFY(!html.contains(QStringLiteral("dates_done")));
        QVERIFY(!html.contains(QStringLiteral("took")));
    }

    void reportFallsBackToItsLocation()
    {
        RunsPage page;
        page.setUrlOpener([](const QUrl&) { return false; }); // a desktop where nothing opens HTML
        const QString path = m_dir.filePath(QStringLiteral("reports/run-7.html"));
        QVERIFY(page.reportText().isEmpty());
        page.openReport(path);
        QVERIFY2(page.reportText().contains(QStringLiteral("No application opened the report")),
            qPrintable(page.reportText()));
        QVERIFY(page.reportText().contains(QDir::toNativeSeparators(path)));
        page.setUrlOpener([](const QUrl&) { return true; });
        page.openReport(path);
        QVERIFY(page.reportText().startsWith(QStringLiteral("Opened")));
    }

    void progressChartEmptyState()
    {
        charts::ProgressChart chart(QStringLiteral("Requests over time"), QStringLiteral("requests"));
        QVERIFY(chart.isEmpty());
        QVERIFY(chart.title().contains(QStringLiteral("no data yet")));
        auto* time = qobject_cast<QValueAxis*>(chart.axes(Qt::Horizontal).value(0));
        QVERIFY(time && !time->labelsVisible());
        chart.addPoint(12, 340);
        QCOMPARE(chart.title(), QStringLiteral("Requests over time"));
        QVERIFY(time->labelsVisible());
        QVERIFY(time->max() >= 12 && time->max() <= 40);
    }

    void speedupAxisFitsTheMeasurements()
    {
        charts::SpeedupChart chart;
        QVERIFY(chart.title().contains(QStringLiteral("no measurements yet")));
        chart.setMaxWorkers(16);
        chart.setMeasured({ { 1, 1.0 }, { 2, 1.8 }, { 4, 2.1 } });
        QCOMPARE(chart.title(), QStringLiteral("Speedup"));
        auto* speedup = qobject_cast<QValueAxis*>(chart.axes(Qt::Vertical).value(0));
        QVERIFY(speedup);
        QVERIFY2(speedup->max() >= 2.1 && speedup->max() <= 4, qPrintable(QString::number(speedup->max())));
        auto* workers = qobject_cast<QValueAxis*>(chart.axes(Qt::Horizontal).value(0));
        QCOMPARE(workers->max(), 16.0);
        QVERIFY(workers->tickInterval() >= 1 && workers->tickInterval() == std::round(workers->tickInterval()));
    }
};

QTEST_MAIN(TestRunsPage)
#include "tst_runspage.moc"
