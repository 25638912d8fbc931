#pragma once

#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include <QMainWindow>

#include <optional>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;

namespace bfs::sim {
class SimulatorServer;
}

namespace bfs::app {

class BackfillPage;
class FeaturesPage;
class ReportsPage;
class RunsPage;

// The one window: a navigation list on the left (Features, Backfill, Evaluate,
// Reports, Runs) and the selected screen on the right, File ▸ New / Open Workspace,
// Edit ▸ Preferences, Help ▸ About. Remembers its geometry, state, last screen and
// last workspace through AppSettings; the status bar shows the open workspace.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // Asked when the window closes during a backfill (a modal box, "quitDuringRunBox").
    enum class QuitAnswer { QuitAndResumeLater, KeepRunning };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a screen to the navigation; returns its index.
    int addPage(QWidget* page, const QString& title, const QIcon& icon = {});
    QWidget* currentPage() const;
    void showPage(int index);
    int pageCount() const;

    // Opens (creating when missing) a workspace folder off the GUI thread; emits
    // workspaceChanged on success, shows the problem otherwise.
    void openWorkspace(const QString& dir);
    const std::optional<Workspace>& workspace() const { return m_workspace; }

    // Demo mode: prepares the demo workspace off the GUI thread (sample races, sample
    // predictions), starts the built-in Odds API simulator on a loopback port and points
    // the Backfill screen at it for this session; emits demoReady or workspaceFailed.
    void openDemo(const QString& dir = {});
    bool isDemo() const { return m_simulator != nullptr; }
    QString simulatorUrl() const;

    FeaturesPage* featuresPage() const { return m_featuresPage; }
    BackfillPage* backfillPage() const { return m_backfillPage; }
    ReportsPage* reportsPage() const { return m_reportsPage; }
    RunsPage* runsPage() const { return m_runsPage; }

public Q_SLOTS:
    void showPreferences();
    void exportReport();

Q_SIGNALS:
    void workspaceChanged(const bfs::Workspace& workspace);
    void workspaceFailed(const QString& error);
    void preferencesChanged();
    void demoReady();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void newWorkspace();
    void chooseWorkspace();
    void showAbout();
    QuitAnswer askQuitDuringRun();
    void offerInterruptedRun(const bfs::Workspace& workspace); // after "quit and resume later"
    QString dialogFolder(AppSettings::FileKind kind) const;
    // A long run ended while the window was in the background: a desktop notification
    // (tray message where there is a tray) and the platform's attention request.
    void notifyIfInBackground(const QString& title, const QString& message);

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    QLabel* m_workspaceLabel;
    FeaturesPage* m_featuresPage;
    BackfillPage* m_backfillPage = nullptr;
    ReportsPage* m_reportsPage = nullptr;
    RunsPage* m_runsPage = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    std::unique_ptr<sim::SimulatorServer> m_simulator;
    std::optional<Workspace> m_workspace;
    int m_restoredPage;
};

} // namespace bfs::app
