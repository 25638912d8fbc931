// backfill-studio: the desktop application.
#include "AppIcons.h"
#include "MainWindow.h"
#include "ScreenshotDriver.h"
#include "odds/api/OddsApiClient.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    bfs::OddsApiClient::initialiseHttp();
    QApplication::setOrganizationName(QStringLiteral("BackfillStudio"));
    QApplication::setApplicationName(QStringLiteral("Backfill Studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Backfill Studio"));
    QApplication::setApplicationVersion(QStringLiteral(BFS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("backfill-studio"));
    QApplication::setWindowIcon(bfs::app::AppIcons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Historical sports-data jobs on your own machine."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"), QStringLiteral("Open the demo workspace (no API key needed)."));
    const QCommandLineOption checkLaunch(QStringLiteral("check-launch"),
        QStringLiteral("Open the demo workspace, save a PNG of the first screen once it has drawn, and quit: "
                       "exit 0 when it shows the demo data, 1 when it never did (a launch check for CI)."),
        QStringLiteral("FILE"));
    const QCommandLineOption workspace(
        QStringLiteral("workspace"), QStringLiteral("Open this workspace folder."), QStringLiteral("DIR"));
    // Debugging and documentation: drive the window, save PNGs, quit (ScreenshotDriver).
    QList<QCommandLineOption> hidden {
        { QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window and quit."), QStringLiteral("FILE") },
        { QStringLiteral("screenshot-run"), QStringLiteral("Run feature generation before the screenshot.") },
        { QStringLiteral("screenshot-tab"), QStringLiteral("Tab to show (Features, or the --screenshot-page screen)."),
            QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("screenshot-delay"), QStringLiteral("Milliseconds to wait."), QStringLiteral("MS"),
            QStringLiteral("1500") },
        { QStringLiteral("screenshot-benchmark"), QStringLiteral("Run the benchmark and save its dialog."),
            QStringLiteral("FILE") },
        { QStringLiteral("screenshot-workers"), QStringLiteral("Benchmark worker counts."), QStringLiteral("LIST") },
        { QStringLiteral("screenshot-races"), QStringLiteral("Benchmark races."), QStringLiteral("N"),
            QStringLiteral("0") },
        { QStringLiteral("screenshot-dialogs"), QStringLiteral("Also save the dialogs into DIR."),
            QStringLiteral("DIR") },
        { QStringLiteral("screenshot-page"), QStringLiteral("Screen to show."), QStringLiteral("N"),
            QStringLiteral("-1") },
        { QStringLiteral("screenshot-backfill"), QStringLiteral("Run the Backfill screen before the screenshot.") },
    };
    for (auto& option : hidden) {
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    parser.addOption(demo);
    parser.addOption(workspace);
    parser.addOption(checkLaunch);
    parser.process(app);
    const bool launchCheck = parser.isSet(checkLaunch);

    bfs::app::MainWindow window;
    window.show();

    bfs::AppSettings settings;
    QString dir = parser.value(workspace);
    const bool screenshots
        = parser.isSet(QStringLiteral("screenshot")) || parser.isSet(QStringLiteral("screenshot-benchmark"));
    const bool openDemo = parser.isSet(demo) || launchCheck;
    if (openDemo) {
        window.openDemo();
    } else if (dir.isEmpty() && settings.lastWorkspace().isEmpty() && !settings.welcomeShown() && !screenshots) {
        // First run: offer the demo, which works without an API key.
        settings.setWelcomeShown(true);
        QMessageBox welcome(QMessageBox::Information, QObject::tr("Welcome to Backfill Studio"),
            QObject::tr(
                "<p><b>Welcome to Backfill Studio.</b></p><p>The demo workspace has a sample race database, sample "
                "predictions and a built-in Odds API simulator, so every screen works without an API key.</p>"),
            QMessageBox::NoButton, &window);
        auto* tryDemo = welcome.addButton(QObject::tr("Try the demo"), QMessageBox::AcceptRole);
        welcome.addButton(QObject::tr("Start with an empty workspace"), QMessageBox::RejectRole);
        welcome.exec();
        if (welcome.clickedButton() == static_cast<QAbstractButton*>(tryDemo))
            window.openDemo();
        else
            window.openWorkspace(bfs::Workspace::defaultDir());
    } else {
        if (dir.isEmpty())
            dir = settings.lastWorkspace();
        if (dir.isEmpty())
            dir = bfs::Workspace::defaultDir();
        window.openWorkspace(dir);
    }

    bfs::app::ScreenshotDriver::Options shots;
    shots.windowFile = launchCheck ? parser.value(checkLaunch) : parser.value(QStringLiteral("screenshot"));
    shots.checkLaunch = launchCheck;
    shots.benchmarkFile = parser.value(QStringLiteral("screenshot-benchmark"));
    shots.runFeatures = parser.isSet(QStringLiteral("screenshot-run"));
    shots.tab = parser.value(QStringLiteral("screenshot-tab")).toInt();
    shots.delayMs = parser.value(QStringLiteral("screenshot-delay")).toInt();
    shots.benchmarkWorkers = parser.value(QStringLiteral("screenshot-workers"));
    shots.benchmarkRaces = parser.value(QStringLiteral("screenshot-races")).toInt();
    shots.dialogsDir = parser.value(QStringLiteral("screenshot-dialogs"));
    shots.page = parser.value(QStringLiteral("screenshot-page")).toInt();
    shots.runBackfill = parser.isSet(QStringLiteral("screenshot-backfill"));
    bfs::app::ScreenshotDriver driver(window, shots);
    if (!shots.windowFile.isEmpty() || !shots.benchmarkFile.isEmpty()) {
        if (openDemo) { // drive the demo once its workspace and simulator are up
            QObject::connect(&window, &bfs::app::MainWindow::demoReady, &driver, &bfs::app::ScreenshotDriver::start,
                Qt::SingleShotConnection);
            if (launchCheck) {
                QObject::connect(&window, &bfs::app::MainWindow::workspaceFailed, &driver,
                    [&driver](const QString& error) { driver.failLaunch(error); });
                constexpr int LaunchTimeoutMs = 180'000;
                QTimer::singleShot(LaunchTimeoutMs, &driver,
                    [&driver] { driver.failLaunch(QStringLiteral("the demo workspace was not ready after 180 s")); });
            }
        } else
            driver.start();
    }
    return QApplication::exec();
}
