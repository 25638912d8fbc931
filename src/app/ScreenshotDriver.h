#pragma once

#include <QObject>
#include <QString>

namespace bfs::app {

class MainWindow;

// Hidden debug options of the app (--screenshot…): drives the real window to a state
// (a finished feature run, a tab, a finished benchmark) and saves PNGs with
// QWidget::grab, so the screens can be looked at on a headless machine and the
// README's pictures are made from the real program.
class ScreenshotDriver final : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString windowFile; // main window PNG
        QString benchmarkFile; // benchmark dialog PNG
        bool runFeatures = false;
        int tab = 0; // Features screen tab to show
        int delayMs = 1500;
        QString benchmarkWorkers; // "1, 2"
        int benchmarkRaces = 0;
        QString dialogsDir; // Preferences and sample-database dialogs as PNGs
        int page = -1; // main-window screen to show (0 Features … 4 Runs)
        bool runBackfill = false; // start the Backfill screen's run, grab when it ends
    };

    ScreenshotDriver(MainWindow& window, Options options, QObject* parent = nullptr);
    void start();

private:
    void grabWindow();
    void runBenchmark();
    void grabDialogs();
    void finish();

    MainWindow& m_window;
    Options m_options;
};

} // namespace bfs::app
