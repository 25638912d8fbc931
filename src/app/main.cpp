// backfill-studio: the desktop application.
#include "AppIcons.h"
#include "MainWindow.h"
#include "ScreenshotDriver.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
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
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo workspace (no API key needed)."));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Open this workspace folder."),
        QStringLiteral("DIR"));
    // Debugging and documentation: drive the window, save PNGs, quit (ScreenshotDriver).
    QList<QCommandLineOption> hidden {
        { QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window and quit."), QStringLiteral("FILE") },
        { QStringLiteral("screenshot-run"), QStringLiteral("Run feature generation before the screenshot.") },
        { QStringLiteral("screenshot-tab"), QStringLiteral("Features tab to show."), QStringLiteral("N"),
            QStringLiteral("0") },
        { QStringLiteral("screenshot-delay"), QStringLiteral("Milliseconds to wait."), QStringLiteral("MS"),
            QStringLiteral("1500") },
        { QStringLiteral("screenshot-benchmark"), QStringLiteral("Run the benchmark and save its dialog."),
            QStringLiteral("FILE") },
        { QStringLiteral("screenshot-workers"), QStringLiteral("Benchmark worker counts."), QStringLiteral("LIST") },
        { QStringLiteral("screenshot-races"), QStringLiteral("Benchmark races."), QStringLiteral("N"),
            QStringLiteral("0") },
    };
    for (auto& option : hidden) {
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    parser.addOption(demo);
    parser.addOption(workspace);
    parser.process(app);

    bfs::app::MainWindow window;
    window.show();

    QString dir = parser.value(workspace);
    if (dir.isEmpty())
        dir = bfs::AppSettings().lastWorkspace();
    if (dir.isEmpty())
        dir = bfs::Workspace::defaultDir();
    window.openWorkspace(dir);

    bfs::app::ScreenshotDriver::Options shots;
    shots.windowFile = parser.value(QStringLiteral("screenshot"));
    shots.benchmarkFile = parser.value(QStringLiteral("screenshot-benchmark"));
    shots.runFeatures = parser.isSet(QStringLiteral("screenshot-run"));
    shots.tab = parser.value(QStringLiteral("screenshot-tab")).toInt();
    shots.delayMs = parser.value(QStringLiteral("screenshot-delay")).toInt();
    shots.benchmarkWorkers = parser.value(QStringLiteral("screenshot-workers"));
    shots.benchmarkRaces = parser.value(QStringLiteral("screenshot-races")).toInt();
    bfs::app::ScreenshotDriver driver(window, shots);
    if (!shots.windowFile.isEmpty() || !shots.benchmarkFile.isEmpty())
        driver.start();
    return QApplication::exec();
}
