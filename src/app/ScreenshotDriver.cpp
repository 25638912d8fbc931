#include "ScreenshotDriver.h"

#include "MainWindow.h"
#include "dialogs/BenchmarkDialog.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/SampleDatabaseDialog.h"
#include "models/FeatureTableModel.h"
#include "pages/BackfillPage.h"
#include "pages/FeatureExplorer.h"
#include "pages/FeaturesPage.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace bfs::app {

ScreenshotDriver::ScreenshotDriver(MainWindow& window, Options options, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_options(std::move(options))
{
}

void ScreenshotDriver::start()
{
    if (m_options.page >= 0)
        m_window.showPage(m_options.page);
    if (m_options.runBackfill) {
        BackfillPage* backfill = m_window.backfillPage();
        connect(backfill, &BackfillPage::runFinished, this,
            [this] { QTimer::singleShot(m_options.delayMs, this, &ScreenshotDriver::grabWindow); });
        QTimer::singleShot(m_options.delayMs, backfill, [backfill, this] {
            if (!backfill->start())
                QTimer::singleShot(m_options.delayMs, this, &ScreenshotDriver::grabWindow);
        });
        return;
    }
    FeaturesPage* page = m_window.featuresPage();
    if (auto* tabs = page->findChild<QTabWidget*>(QStringLiteral("tabs")))
        tabs->setCurrentIndex(m_options.tab);
    // --screenshot-tab on another screen (e.g. Evaluate's Bankroll tab) selects that screen's tab.
    if (QWidget* shown = m_window.currentPage(); shown && shown != page && m_options.tab > 0) {
        if (auto* tabs = shown->findChild<QTabWidget*>(QStringLiteral("tabs")))
            tabs->setCurrentIndex(m_options.tab);
    }
    if (m_options.tab == 1) {
        // A selected numeric cell, so the statistics panel has something to show.
        QTimer::singleShot(m_options.delayMs / 2, page, [page] {
            if (auto* view = page->explorer()->findChild<QTableView*>(QStringLiteral("tableView"))) {
                view->sortByColumn(2, Qt::DescendingOrder); // the latest races have the longest histories
                auto* model = page->explorer()->model();
                auto once = std::make_shared<QMetaObject::Connection>();
                *once = connect(model, &FeatureTableModel::pageLoaded, view, [view, once] {
                    QObject::disconnect(*once);
                    view->setCurrentIndex(view->model()->index(0, 3));
                });
            }
        });
    }
    if (m_options.runFeatures) {
        connect(page, &FeaturesPage::runFinished, this,
            [this] { QTimer::singleShot(m_options.delayMs, this, &ScreenshotDriver::grabWindow); });
        QTimer::singleShot(m_options.delayMs, page, [page, this] {
            if (!page->start())
                QTimer::singleShot(m_options.delayMs, this, &ScreenshotDriver::grabWindow);
        });
    } else {
        QTimer::singleShot(m_options.delayMs, this, &ScreenshotDriver::grabWindow);
    }
}

void ScreenshotDriver::grabWindow()
{
    if (m_options.checkLaunch) {
        const QImage image = m_window.grab().toImage();
        QString report;
        const bool drawn = checkGrab(image, report);
        const bool saved = image.save(m_options.windowFile);
        if (!saved)
            report += QStringLiteral("; could not save %1").arg(m_options.windowFile);
        std::fprintf(stderr, "launch check: %s\n", qPrintable(report));
        QApplication::exit(drawn && saved ? 0 : 1);
        return;
    }
    if (!m_options.windowFile.isEmpty())
        m_window.grab().save(m_options.windowFile);
    if (m_options.benchmarkFile.isEmpty())
        finish();
    else
        runBenchmark();
}

void ScreenshotDriver::runBenchmark()
{
    const FeatureSettings settings = m_window.featuresPage()->settings();
    auto* dialog = new BenchmarkDialog(&m_window);
    dialog->setDatabase(settings.database);
    dialog->setWorkerList(m_options.benchmarkWorkers);
    dialog->setLimit(m_options.benchmarkRaces);
    dialog->show();
    connect(dialog, &BenchmarkDialog::benchmarkFinished, this, [this, dialog] {
        QTimer::singleShot(m_options.delayMs, this, [this, dialog] {
            dialog->grab().save(m_options.benchmarkFile);
            finish();
        });
    });
    if (!dialog->start())
        QTimer::singleShot(m_options.delayMs, this, [this, dialog] {
            dialog->grab().save(m_options.benchmarkFile);
            finish();
        });
}

void ScreenshotDriver::grabDialogs()
{
    const QDir dir(m_options.dialogsDir);
    PreferencesDialog preferences(&m_window);
    preferences.show();
    preferences.grab().save(dir.filePath(QStringLiteral("preferences.png")));
    SampleDatabaseDialog sample(&m_window);
    sample.show();
    sample.grab().save(dir.filePath(QStringLiteral("sample-database.png")));
}

bool ScreenshotDriver::checkGrab(const QImage& image, QString& report) const
{
    // A window that never drew grabs as one flat colour; a drawn screen has text, frames and a chart.
    QSet<QRgb> colours;
    const int step = 4;
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step)
            colours.insert(image.pixel(x, y));
    const QString database = m_window.featuresPage()->settings().database;
    const QFileInfo races(database);
    constexpr int MinColours = 64;
    const bool drawn = colours.size() >= MinColours;
    const bool demoData = races.isFile() && races.size() > 0;
    report = QStringLiteral("window %1x%2 \"%3\", %4 distinct colours (%5 needed), demo race database %6 (%7 bytes)")
                 .arg(image.width())
                 .arg(image.height())
                 .arg(m_window.windowTitle())
                 .arg(colours.size())
                 .arg(MinColours)
                 .arg(database.isEmpty() ? QStringLiteral("<none>") : database)
                 .arg(races.size());
    report += drawn && demoData ? QStringLiteral(": ok") : QStringLiteral(": FAILED");
    return drawn && demoData && m_window.isVisible();
}

void ScreenshotDriver::failLaunch(const QString& reason)
{
    std::fprintf(stderr, "launch check: FAILED: %s\n", qPrintable(reason));
    QApplication::exit(1);
}

void ScreenshotDriver::finish()
{
    if (!m_options.dialogsDir.isEmpty())
        grabDialogs();
    QApplication::quit();
}

} // namespace bfs::app
