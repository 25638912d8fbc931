#pragma once

#include "storage/Workspace.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace bfs::app {

class FeaturesPage;

// The one window: a navigation list on the left (Features, Backfill, Evaluate,
// Reports, Runs) and the selected screen on the right, File ▸ New / Open Workspace,
// Edit ▸ Preferences, Help ▸ About. Remembers its geometry, state, last screen and
// last workspace through AppSettings; the status bar shows the open workspace.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
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

    FeaturesPage* featuresPage() const { return m_featuresPage; }

public Q_SLOTS:
    void showPreferences();

Q_SIGNALS:
    void workspaceChanged(const QString& dir);
    void workspaceFailed(const QString& error);
    void preferencesChanged();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void newWorkspace();
    void chooseWorkspace();
    void showAbout();

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    QLabel* m_workspaceLabel;
    FeaturesPage* m_featuresPage;
    std::optional<Workspace> m_workspace;
    int m_restoredPage;
};

} // namespace bfs::app
