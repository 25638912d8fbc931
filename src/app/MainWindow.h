#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace bfs::app {

// The one window: a navigation list on the left (Features, Backfill, Evaluate,
// Reports, Runs) and the selected screen on the right. Remembers its geometry and
// last screen through AppSettings.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a screen to the navigation; returns its index.
    int addPage(QWidget* page, const QString& title, const QIcon& icon = {});
    QWidget* currentPage() const;
    void showPage(int index);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void showPreferences();
    void showAbout();

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
};

} // namespace bfs::app
