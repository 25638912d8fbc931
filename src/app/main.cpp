// backfill-studio: the desktop application.
#include "AppIcons.h"
#include "MainWindow.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

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
    // Debugging and documentation: grab the window after a delay and quit.
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window and quit."),
        QStringLiteral("FILE"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
        QStringLiteral("Milliseconds before --screenshot (default 1500)."), QStringLiteral("MS"),
        QStringLiteral("1500"));
    screenshotDelay.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demo);
    parser.addOption(workspace);
    parser.addOption(screenshot);
    parser.addOption(screenshotDelay);
    parser.process(app);

    bfs::app::MainWindow window;
    window.show();

    QString dir = parser.value(workspace);
    if (dir.isEmpty())
        dir = bfs::AppSettings().lastWorkspace();
    if (dir.isEmpty())
        dir = bfs::Workspace::defaultDir();
    window.openWorkspace(dir);

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(parser.value(screenshotDelay).toInt(), &window, [&window, file] {
            window.grab().save(file);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
