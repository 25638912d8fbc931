// The main window offscreen: Preferences, a real feature run from the Features screen,
// its live chart, the explorer over the written table, and errors shown on the page.
#include "MainWindow.h"
#include "charts/ProgressChart.h"
#include "dialogs/PerformancePreferencesPage.h"
#include "dialogs/PreferencesDialog.h"
#include "features/SampleRaceDb.h"
#include "jobs/JobEngine.h"
#include "models/FeatureTableModel.h"
#include "pages/BackfillPage.h"
#include "pages/FeatureExplorer.h"
#include "pages/FeaturesPage.h"
#include "settings/AppSettings.h"
#include "simulator/SimulatorServer.h"

#include "TestSupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bfs;
using namespace bfs::app;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_races;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir.path(), QStringLiteral("tst_mainwindow"));
        m_races = m_dir.filePath(QStringLiteral("races.sqlite"));
        QString error;
        SampleRaceOptions options;
        options.races = 400;
        options.seed = 11;
        QVERIFY2(writeSampleRaceDb(m_races, options, error), qPrintable(error));
    }

    void preferencesSetTheWorkersOfTheFeaturesScreen()
    {
        MainWindow window;
        PreferencesDialog dialog(&window);
        connect(&dialog, &QDialog::accepted, &window, &MainWindow::preferencesChanged);
        dialog.performancePage()->setWorkers(3);
        dialog.accept();
        QCOMPARE(AppSettings().workers(), 3);
        auto* spin = window.featuresPage()->findChild<QSpinBox*>(QStringLiteral("workersSpin"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 3);
        // And the other way: the page's spin box is the same setting.
        spin->setValue(2);
        QCOMPARE(AppSettings().workers(), 2);
        PreferencesDialog again(&window);
        QCOMPARE(again.performancePage()->workers(), 2);
    }

    void runsFeaturesFromTheWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FeaturesPage* page = window.featuresPage();
        QCOMPARE(window.currentPage(), page);
        page->findChild<QSpinBox*>(QStringLiteral("workersSpin"))->setValue(2);
        page->setDatabase(m_races);

        QSignalSpy finished(page, &FeaturesPage::runFinished);
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
        QVERIFY(page->isRunning());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(page->errorText(), QString());

        const FeatureRunSummary summary = page->lastSummary();
        QVERIFY(summary.races > 0);
        QVERIFY(summary.runners > summary.races);
        QCOMPARE(summary.workers, 2);
        QCOMPARE(queryScalarCount(QStringLiteral("SELECT COUNT(*) FROM features")), summary.runners);

        // The live chart ends at the race total.
        const auto points = page->progressChart()->points();
        QVERIFY(!points.isEmpty());
        QCOMPARE(qint64(points.last().y()), summary.races);

        // The explorer shows every written row, page by page.
        FeatureExplorer* explorer = page->explorer();
        QTRY_COMPARE_WITH_TIMEOUT(explorer->totalRows(), summary.runners, 10000);
        FeatureTableModel* model = explorer->model();
        QTRY_COMPARE(model->rowCount(), std::min<int>(FeatureTableModel::PageSize, int(summary.runners)));
        for (;;) {
            QTRY_VERIFY_WITH_TIMEOUT(!model->isFetching(), 10000);
            if (!model->canFetchMore({}))
                break;
            model->fetchMore({});
        }
        QCOMPARE(qint64(model->rowCount()), summary.runners);

        // Filter from the explorer's widgets: a numeric condition becomes a WHERE.
        auto* column = explorer->findChild<QComboBox*>(QStringLiteral("filterColumnCombo"));
        column->setCurrentIndex(column->findText(QStringLiteral("horse_runs")));
        auto* op = explorer->findChild<QComboBox*>(QStringLiteral("filterOperatorCombo"));
        op->setCurrentIndex(op->findText(QStringLiteral(">")));
        explorer->findChild<QDoubleSpinBox*>(QStringLiteral("filterValueSpin"))->setValue(1);
        QTest::mouseClick(explorer->findChild<QPushButton*>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
        const qint64 experienced
            = queryScalarCount(QStringLiteral("SELECT COUNT(*) FROM features WHERE horse_runs > 1"));
        QVERIFY(experienced > 0);
        QTRY_COMPARE_WITH_TIMEOUT(explorer->totalRows(), experienced, 10000);

        // The statistics panel follows the selected column, under the same filter.
        QSignalSpy stats(explorer, &FeatureExplorer::statsReady);
        auto* view = explorer->findChild<QTableView*>(QStringLiteral("tableView"));
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isFetching(), 10000);
        view->setCurrentIndex(model->index(0, int(model->query().columns.indexOf(QStringLiteral("horse_runs")))));
        QVERIFY(stats.wait(10000));
        QCOMPARE(stats.last().first().toString(), QStringLiteral("horse_runs"));
        QCOMPARE(explorer->findChild<QLabel*>(QStringLiteral("statsMinLabel"))->text(), QStringLiteral("2"));
        QCOMPARE(
            explorer->findChild<QLabel*>(QStringLiteral("statsCountLabel"))->text(), QLocale().toString(experienced));
        QTest::mouseClick(explorer->findChild<QPushButton*>(QStringLiteral("clearFilterButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(explorer->totalRows(), summary.runners, 10000);

        // Export the table off the GUI thread.
        const QString csv = m_dir.filePath(QStringLiteral("features.csv"));
        QSignalSpy exported(explorer, &FeatureExplorer::exportFinished);
        explorer->exportCsvTo(csv);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(2).toString(), QString());
        QCOMPARE(exported.first().at(1).toLongLong(), summary.runners);
    }

    void writesIntoTheOutputDatabaseInTestMode()
    {
        const QString input = m_dir.filePath(QStringLiteral("input.sqlite"));
        QString error;
        SampleRaceOptions options;
        options.races = 250;
        options.seed = 4;
        QVERIFY2(writeSampleRaceDb(input, options, error), qPrintable(error));
        const QString output = m_dir.filePath(QStringLiteral("output.sqlite"));
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        page->setDatabase(input);
        page->setOutputDatabase(output);
        page->findChild<QCheckBox*>(QStringLiteral("testModeCheck"))->setChecked(true);
        QCOMPARE(page->settings().limit, qint64(FeatureSettings::TestModeLimit));
        QSignalSpy finished(page, &FeaturesPage::runFinished);
        QVERIFY(page->start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(page->lastSummary().races, qint64(FeatureSettings::TestModeLimit));
        QCOMPARE(test::queryScalar(output, QStringLiteral("SELECT COUNT(DISTINCT race_id) FROM features")),
            QString::number(FeatureSettings::TestModeLimit));
        // The race database itself is left alone.
        QCOMPARE(test::queryScalar(input, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'features'")),
            QStringLiteral("0"));
        // The form is remembered for the next start.
        QCOMPARE(AppSettings().featuresOutputDatabase(), output);
        QTRY_COMPARE_WITH_TIMEOUT(page->explorer()->totalRows(), page->lastSummary().runners, 10000);
    }

    void pausesResumesAndCancels()
    {
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        page->setDatabase(m_races);
        page->setOutputDatabase(m_dir.filePath(QStringLiteral("paused.sqlite")));
        page->findChild<QSpinBox*>(QStringLiteral("batchSpin"))->setValue(10);
        auto* pause = page->findChild<QPushButton*>(QStringLiteral("pauseButton"));
        QVERIFY(!pause->isEnabled());

        QSignalSpy finished(page, &FeaturesPage::runFinished);
        QVERIFY(page->start());
        QVERIFY(pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(page->engine()->isPaused());
        QCOMPARE(pause->text(), QStringLiteral("&Resume"));
        // Paused: no batch starts, so the run cannot end.
        QVERIFY(!finished.wait(500));
        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(!page->engine()->isPaused());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.takeFirst().first().toBool(), true);

        QVERIFY(page->start());
        QTest::mouseClick(pause, Qt::LeftButton);
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.takeFirst().first().toBool(), false);
        QCOMPARE(page->errorText(), QString()); // a cancel is not an error
        QVERIFY(!pause->isEnabled());
        QCOMPARE(pause->text(), QStringLiteral("&Pause"));
    }

    void refusesAMissingDatabaseOnThePage()
    {
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        page->setDatabase(m_dir.filePath(QStringLiteral("nope.sqlite")));
        QVERIFY(!page->start());
        QVERIFY2(page->errorText().contains(QStringLiteral("does not exist")), qPrintable(page->errorText()));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nope.sqlite"))));
    }

    void showsWhatTheEngineRefuses()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.sqlite"));
        QCOMPARE(test::execSql(bad, QStringLiteral("CREATE TABLE races (race_id TEXT, date TEXT)")), QString());
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        page->setDatabase(bad);
        QSignalSpy finished(page, &FeaturesPage::runFinished);
        QVERIFY(page->start());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), false);
        // The banner names the problem the engine found (a missing column or table).
        QVERIFY2(page->errorText().contains(QStringLiteral("races"))
                || page->errorText().contains(QStringLiteral("runners")),
            qPrintable(page->errorText()));
    }

    void createsASampleDatabaseOffTheGuiThread()
    {
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        const QString path = m_dir.filePath(QStringLiteral("sample.sqlite"));
        QSignalSpy ready(page, &FeaturesPage::sampleDatabaseReady);
        page->createSampleDatabase(path, 120, 5);
        QVERIFY(ready.wait(60000));
        QCOMPARE(ready.first().at(1).toString(), QString());
        QCOMPARE(page->settings().database, path);
        QCOMPARE(test::queryScalar(path, QStringLiteral("SELECT COUNT(*) FROM races")), QStringLiteral("120"));
    }

    void opensAWorkspaceAndRemembersIt()
    {
        MainWindow window;
        const QString dir = m_dir.filePath(QStringLiteral("workspace"));
        QSignalSpy changed(&window, &MainWindow::workspaceChanged);
        window.openWorkspace(dir);
        QVERIFY(changed.wait(30000));
        QVERIFY(window.workspace().has_value());
        QVERIFY(QFile::exists(window.workspace()->databasePath()));
        QCOMPARE(AppSettings().lastWorkspace(), window.workspace()->dir());
    }

    // A run that fails after one that finished: the bar tells this run's story, not the last one's 100%.
    void failedRunDoesNotKeepThePreviousPercent()
    {
        MainWindow window;
        FeaturesPage* page = window.featuresPage();
        auto* bar = page->findChild<QProgressBar*>(QStringLiteral("progressBar"));
        QVERIFY(bar);
        QCOMPARE(bar->text(), QStringLiteral("no run yet"));
        page->setDatabase(m_races);
        page->setOutputDatabase(m_dir.filePath(QStringLiteral("before-failure.sqlite")));
        QSignalSpy finished(page, &FeaturesPage::runFinished);
        QVERIFY(page->start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(bar->text(), QStringLiteral("100%"));
        const QString bad = m_dir.filePath(QStringLiteral("bad-after.sqlite"));
        QCOMPARE(test::execSql(bad, QStringLiteral("CREATE TABLE races (race_id TEXT, date TEXT)")), QString());
        page->setDatabase(bad);
        page->setOutputDatabase(QString());
        QVERIFY(page->start());
        QCOMPARE(bar->format(), QStringLiteral("starting…")); // a busy bar shows no text of its own
        QVERIFY(finished.wait(60000));
        QVERIFY2(bar->text().startsWith(QStringLiteral("failed")), qPrintable(bar->text()));
        QVERIFY(!bar->text().contains(QStringLiteral("100")));
    }

    void titleNamesOnlyTheWorkspace()
    {
        MainWindow window;
        QVERIFY(!window.windowTitle().contains(QStringLiteral("Backfill Studio")));
        const QString dir = m_dir.filePath(QStringLiteral("titled"));
        QSignalSpy changed(&window, &MainWindow::workspaceChanged);
        window.openWorkspace(dir);
        QVERIFY(changed.wait(30000));
        QCOMPARE(window.windowTitle(), QStringLiteral("titled")); // the platform appends the app's name
    }

    // Every page fits a 1280×720 laptop screen (minus a title bar and a panel): nothing is clipped.
    void minimumFitsALaptopScreen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList tooBig;
        for (int page = 0; page < window.pageCount(); ++page) {
            window.showPage(page);
            const QSize hint = window.currentPage()->minimumSizeHint();
            if (hint.width() > 1280 - 170 || hint.height() > 600)
                tooBig << QStringLiteral("page %1: %2×%3").arg(page).arg(hint.width()).arg(hint.height());
        }
        QVERIFY2(tooBig.isEmpty(), qPrintable(tooBig.join(QStringLiteral("; "))));
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 660,
            qPrintable(QStringLiteral("%1×%2").arg(minimum.width()).arg(minimum.height())));
    }

    void quitDuringABackfillAsksAndOffersToResume()
    {
        sim::SimulatorOptions options;
        options.latencyMs = 40;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QString dir = m_dir.filePath(QStringLiteral("interrupted"));
        {
            MainWindow window;
            window.show();
            QSignalSpy changed(&window, &MainWindow::workspaceChanged);
            window.openWorkspace(dir);
            QVERIFY(changed.wait(30000));
            BackfillPage* page = window.backfillPage();
            page->useSession(server.baseUrl(), QStringLiteral("demo"), QDate(2024, 5, 1), QDate(2024, 5, 31), 50);
            QSignalSpy finished(page, &BackfillPage::runFinished);
            QVERIFY2(page->start(), qPrintable(page->errorText()));

            answerQuitBox(QStringLiteral("Keep Running"));
            QVERIFY(!window.close());
            QVERIFY(page->isRunning());
            QVERIFY(!AppSettings().interruptedBackfill().isValid());

            answerQuitBox(QStringLiteral("Quit and Resume Later"));
            QVERIFY(window.close());
            const auto interrupted = AppSettings().interruptedBackfill();
            QVERIFY(interrupted.isValid());
            QCOMPARE(interrupted.start, QDate(2024, 5, 1));
            QCOMPARE(interrupted.end, QDate(2024, 5, 31));
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000); // cancelled: in-flight requests end first
        }
        // The next launch offers the run again, on the Backfill screen.
        MainWindow next;
        QSignalSpy changed(&next, &MainWindow::workspaceChanged);
        next.openWorkspace(dir);
        QVERIFY(changed.wait(30000));
        QVERIFY(next.backfillPage()->isResumeOffered());
        QCOMPARE(next.currentPage(), next.backfillPage());
        next.backfillPage()->findChild<QPushButton*>(QStringLiteral("dismissResumeButton"))->click();
        QVERIFY(!AppSettings().interruptedBackfill().isValid());
    }

private:
    // Clicks `button` in the quit box as soon as it is shown (it is modal: the click comes from a timer).
    void answerQuitBox(const QString& button)
    {
        auto* timer = new QTimer(this);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, this, [timer, button] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                auto* box = qobject_cast<QMessageBox*>(w);
                if (!box || box->objectName() != QLatin1String("quitDuringRunBox") || !box->isVisible())
                    continue;
                for (QAbstractButton* b : box->buttons()) {
                    if (b->text() == button) {
                        timer->stop();
                        timer->deleteLater();
                        b->click();
                        return;
                    }
                }
            }
        });
        timer->start();
    }

    qint64 queryScalarCount(const QString& sql) const { return test::queryScalar(m_races, sql).toLongLong(); }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
