// The Backfill screen offscreen against the simulator: form validation, a real run
// driven by clicks, the calendar and worker models behind it, retry of failed dates.
#include "TestSupport.h"

#include "charts/ProgressChart.h"
#include "dialogs/DateRangeDialog.h"
#include "jobs/JobEngine.h"
#include "models/PartitionCalendarModel.h"
#include "models/WorkerStatusModel.h"
#include "pages/BackfillPage.h"
#include "settings/AppSettings.h"
#include "simulator/SimulatorServer.h"

#include <QAbstractItemModelTester>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace bfs;
using namespace bfs::app;

class TestBackfillPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    template <typename T> static T* child(QWidget& page, const char* name)
    {
        auto* w = page.findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    static void fillForm(BackfillPage& page, const QString& base, QDate start, QDate end)
    {
        child<QLineEdit>(page, "apiBaseEdit")->setText(base);
        child<QLineEdit>(page, "apiKeyEdit")->setText(QStringLiteral("page-key-123"));
        child<QDateEdit>(page, "startEdit")->setDate(start);
        child<QDateEdit>(page, "endEdit")->setDate(end);
        child<QSpinBox>(page, "workersSpin")->setValue(3);
        child<QDoubleSpinBox>(page, "rateSpin")->setValue(500);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("BackfillStudioTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_backfillpage"));
    }

    void endBeforeStartIsRefused()
    {
        BackfillPage page;
        page.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("ws-invalid"))));
        fillForm(page, QStringLiteral("http://127.0.0.1:9"), QDate(2024, 5, 10), QDate(2024, 5, 1));
        QVERIFY(page.errorText().contains(QStringLiteral("before")));
        QVERIFY(!child<QPushButton>(page, "startButton")->isEnabled());
        QVERIFY(!page.start());
        child<QDateEdit>(page, "endEdit")->setDate(QDate(2024, 5, 12));
        QVERIFY(page.errorText().isEmpty());
        QVERIFY(child<QPushButton>(page, "startButton")->isEnabled());
    }

    void dateRangeDialogFillsTheForm()
    {
        BackfillPage page;
        page.show();
        QTest::mouseClick(child<QPushButton>(page, "rangeButton"), Qt::LeftButton);
        DateRangeDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<DateRangeDialog*>()) != nullptr);
        dialog->setRange(QDate(2024, 8, 1), QDate(2024, 8, 9));
        dialog->accept();
        QCOMPARE(child<QDateEdit>(page, "startEdit")->date(), QDate(2024, 8, 1));
        QCOMPARE(child<QDateEdit>(page, "endEdit")->date(), QDate(2024, 8, 9));
        QCOMPARE(page.calendarModel()->end(), QDate(2024, 8, 9));
    }

    void runFromTheScreen()
    {
        sim::SimulatorOptions options;
        options.latencyMs = 20;
        options.requiredKey = QStringLiteral("page-key-123");
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));

        BackfillPage page;
        page.show();
        QAbstractItemModelTester calendarTester(
            page.calendarModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester workerTester(
            page.workerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString ws = m_dir.filePath(QStringLiteral("ws-run"));
        page.setWorkspace(bfs::test::workspaceAt(ws));
        fillForm(page, server.baseUrl(), QDate(2024, 7, 13), QDate(2024, 7, 16));
        QTRY_VERIFY_WITH_TIMEOUT(page.planText().contains(QStringLiteral("4 of 4 dates")), 10000);
        QCOMPARE(page.calendarModel()->rowCount(), 2); // Sat 13 … Tue 16 spans two weeks

        QSignalSpy finished(&page, &BackfillPage::runFinished);
        QTest::mouseClick(child<QPushButton>(page, "startButton"), Qt::LeftButton);
        QVERIFY(page.isRunning());
        QVERIFY(child<QPushButton>(page, "cancelButton")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "startButton")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(page.lastSummary().datesDone, 2);
        QCOMPARE(page.lastSummary().datesEmpty, 2); // July 15–16: the all-star break
        QCOMPARE(page.lastSummary().requests, server.requestCount());
        QCOMPARE(page.workerModel()->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(page.calendarModel()->datesIn(PartitionState::Done).size(), 2, 10000);
        QCOMPARE(page.calendarModel()->stateOf(QDate(2024, 7, 16)), PartitionState::Empty);
        QVERIFY(!page.throughputChart()->points().isEmpty());
        QVERIFY(!page.logLines().isEmpty());
        for (const QString& line : page.logLines())
            QVERIFY(!line.contains(QStringLiteral("page-key-123")));
        // The key is never persisted.
        QSettings settings;
        for (const QString& key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(QStringLiteral("page-key-123")));
        QTRY_VERIFY_WITH_TIMEOUT(page.planText().contains(QStringLiteral("0 of 4 dates")), 10000);
    }

    void failedDatesAreRetriedFromTheCalendar()
    {
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        BackfillPage page;
        page.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("ws-retry"))));
        fillForm(page, server.baseUrl(), QDate(2024, 6, 3), QDate(2024, 6, 4));
        AppSettings().setMarkets({ QStringLiteral("player_points") }); // 422 from the API
        QSignalSpy finished(&page, &BackfillPage::runFinished);
        QVERIFY2(page.start(), qPrintable(page.errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(page.lastSummary().datesFailed, 2);
        // Failed dates are not progress: the bar stays empty and says how many failed.
        auto* bar = child<QProgressBar>(page, "progressBar");
        QCOMPARE(bar->value(), 0);
        QVERIFY2(bar->text().contains(QStringLiteral("2 failed")), qPrintable(bar->text()));
        QTRY_COMPARE_WITH_TIMEOUT(page.calendarModel()->datesIn(PartitionState::Failed).size(), 2, 10000);
        QTRY_VERIFY(child<QPushButton>(page, "retryFailedButton")->isEnabled());

        AppSettings().setMarkets({ QStringLiteral("pitcher_strikeouts") });
        QTest::mouseClick(child<QPushButton>(page, "retryFailedButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QCOMPARE(finished.last().first().toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(page.calendarModel()->datesIn(PartitionState::Done).size(), 2, 10000);
    }

    // Nothing listens at the address: one clear stop, no date marked failed, nothing counted as progress.
    void unreachableServerStopsTheRun()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        BackfillPage page;
        page.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("ws-unreachable"))));
        fillForm(page, QStringLiteral("http://127.0.0.1:%1").arg(port), QDate(2024, 6, 3), QDate(2024, 6, 9));
        QSignalSpy finished(&page, &BackfillPage::runFinished);
        QVERIFY2(page.start(), qPrintable(page.errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(page.errorText().contains(QStringLiteral("cannot reach the API at http://127.0.0.1:%1").arg(port)),
            qPrintable(page.errorText()));
        QCOMPARE(page.lastSummary().datesFailed, 0);
        QCOMPARE(page.lastSummary().datesDone, 0);
        QCOMPARE(child<QProgressBar>(page, "progressBar")->value(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(page.calendarModel()->datesIn(PartitionState::Failed).size(), 0, 10000);
    }

    void pauseResumeAndCancelSaveState()
    {
        sim::SimulatorOptions options;
        options.latencyMs = 30;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        BackfillPage page;
        page.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("ws-pause"))));
        fillForm(page, server.baseUrl(), QDate(2024, 5, 1), QDate(2024, 5, 31));
        QSignalSpy finished(&page, &BackfillPage::runFinished);
        QSignalSpy progress(page.engine(), &JobEngine::progressChanged);
        QVERIFY2(page.start(), qPrintable(page.errorText()));
        // Before the plan there is no count to show: no "0 / 100" placeholder.
        auto* bar = child<QProgressBar>(page, "progressBar");
        QCOMPARE(bar->text(), QStringLiteral("planning the run…"));
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() > 5, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral(" / 31 dates done")), 30000);
        QTest::mouseClick(child<QPushButton>(page, "pauseButton"), Qt::LeftButton);
        QVERIFY(page.engine()->isPaused());
        QTRY_VERIFY(child<QPushButton>(page, "resumeButton")->isEnabled());
        QVERIFY(page.isRunning());
        // Paused says so, with neither a frozen rate nor an ETA, and the log has it.
        auto* stats = child<QLabel>(page, "statsLabel");
        QVERIFY2(stats->text().startsWith(QStringLiteral("Paused")), qPrintable(stats->text()));
        QVERIFY2(!stats->text().contains(QStringLiteral("ETA")) && !stats->text().contains(QStringLiteral("/s)")),
            qPrintable(stats->text()));
        auto logged = [&](const QString& what) {
            const QStringList lines = page.logLines();
            return std::any_of(lines.begin(), lines.end(), [&](const QString& line) { return line.contains(what); });
        };
        QVERIFY(logged(QStringLiteral(" paused: requests in flight finish")));
        // While paused the workers' last dates still reach the calendar, without another count change.
        auto settled = [&] {
            return page.calendarModel()->datesIn(PartitionState::Done).size()
                + page.calendarModel()->datesIn(PartitionState::Empty).size();
        };
        auto succeeded = [&] {
            const auto p = progress.last().first().value<JobProgress>();
            return p.done - p.failed;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(settled()), succeeded(), 10000);
        QTest::mouseClick(child<QPushButton>(page, "resumeButton"), Qt::LeftButton);
        QVERIFY(!page.engine()->isPaused());
        QTRY_VERIFY(logged(QStringLiteral(" resumed")));
        QTest::mouseClick(child<QPushButton>(page, "cancelButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(page.lastSummary().datesDone < 31);
        QCOMPARE(page.lastSummary().stoppedReason, QStringLiteral("cancelled"));
    }

    void offSeasonRangeSaysSo()
    {
        BackfillPage page;
        page.setWorkspace(bfs::test::workspaceAt(m_dir.filePath(QStringLiteral("ws-offseason"))));
        fillForm(page, QStringLiteral("http://127.0.0.1:9"), QDate(2025, 12, 1), QDate(2025, 12, 7));
        QTRY_VERIFY_WITH_TIMEOUT(page.planText().startsWith(QStringLiteral("Off-season")), 10000);
        QVERIFY2(page.planText().contains(QStringLiteral("0 credits")), qPrintable(page.planText()));
        QVERIFY2(page.planText().contains(QStringLiteral("7 dates")), qPrintable(page.planText()));
        // In season the plan counts with separators and plurals.
        fillForm(page, QStringLiteral("http://127.0.0.1:9"), QDate(2024, 4, 1), QDate(2024, 9, 30));
        QTRY_VERIFY_WITH_TIMEOUT(page.planText().startsWith(QStringLiteral("Plan: 183 of 183 dates")), 10000);
        QVERIFY2(page.planText().contains(QStringLiteral("2,928 requests")), qPrintable(page.planText()));
    }

    void firstRunStartsOnDatesWithGames()
    {
        BackfillPage page;
        const auto [start, end] = DateRangeDialog::lastGameStretch();
        QCOMPARE(child<QDateEdit>(page, "startEdit")->date(), start);
        QCOMPARE(child<QDateEdit>(page, "endEdit")->date(), end);
        QVERIFY(!DateRangeDialog::isOffSeason(start, end));
    }

    void interruptedRunIsOffered()
    {
        BackfillPage page;
        page.show();
        QSignalSpy answered(&page, &BackfillPage::resumeOfferAnswered);
        QVERIFY(!page.isResumeOffered());
        page.offerResume(QDate(2024, 6, 1), QDate(2024, 6, 20));
        QVERIFY(page.isResumeOffered());
        QCOMPARE(child<QDateEdit>(page, "startEdit")->date(), QDate(2024, 6, 1));
        QCOMPARE(child<QDateEdit>(page, "endEdit")->date(), QDate(2024, 6, 20));
        QVERIFY(child<QLabel>(page, "resumeLabel")->text().contains(QStringLiteral("2024-06-01 … 2024-06-20")));
        QTest::mouseClick(child<QPushButton>(page, "dismissResumeButton"), Qt::LeftButton);
        QVERIFY(!page.isResumeOffered());
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.first().first().toBool(), false);
    }
};

QTEST_MAIN(TestBackfillPage)
#include "tst_backfillpage.moc"
