// backfill-studio: the desktop application.
#include "MainWindow.h"

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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Historical sports-data jobs on your own machine."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo workspace (no API key needed)."));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Open this workspace folder."),
        QStringLiteral("DIR"));
    parser.addOption(demo);
    parser.addOption(workspace);
    parser.process(app);

    bfs::app::MainWindow window;
    window.show();
    return QApplication::exec();
}
