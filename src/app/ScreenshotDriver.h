#pragma once

#include <QImage>
#include <QObject>
#include <QString>

namespace bfs::app {

class MainWindow;

// Hidden debug options of the app (--screenshot…): drives the real window to a state
// (a finished feature run, a tab, a finished benchmark) and saves PNGs with
// QWidget::grab, so the screens can be looked at on a headless machine and the
// README's pictures are made from the real program. --check-launch is the same path with a
// verdict: CI runs the README's launch command with it on a bare machine.
class ScreenshotDriver final : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString windowFile; // main window PNG
        QString benchmarkFile; // benchmark dialog PNG
        bool runFeatures = false;
        int tab = 0; // Features screen tab to show (and, with `page`, that screen's tab)
        int delayMs = 1500;
        QString benchmarkWorkers; // "1, 2"
        int benchmarkRaces = 0;
        QString dialogsDir; // Preferences and sample-database dialogs as PNGs
        int page = -1; // main-window screen to show (0 Features … 4 Runs)
        bool runBackfill = false; // start the Backfill screen's run, grab when it ends
        bool checkLaunch = false; // --check-launch: verify the grabbed window, exit 1 when it shows nothing
    };

    ScreenshotDriver(MainWindow& window, Options options, QObject* parent = nullptr);
    void start();
    // --check-launch when the demo could not be prepared: say why and quit with exit code 1.
    void failLaunch(const QString& reason);

private:
    void grabWindow();
    void runBenchmark();
    void grabDialogs();
    void finish();
    bool checkGrab(const QImage& image, QString& report) const;

    MainWindow& m_window;
    Options m_options;
};

} // namespace bfs::app
