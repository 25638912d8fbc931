#pragma once

#include <QDialog>
#include <QList>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace bfs::app {

class ApiPreferencesPage;
class PerformancePreferencesPage;
class PreferencesPage;
class StoragePreferencesPage;

// Edit ▸ Preferences: a list of pages (Performance, API, …) on the left, the selected
// page on the right. OK validates every page, then saves them all through
// AppSettings; nothing is saved when one page refuses.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    // Adds a page (loaded from AppSettings now); returns its index.
    int addPage(PreferencesPage* page, const QString& title, const QIcon& icon = {});
    PerformancePreferencesPage* performancePage() const { return m_performance; }
    ApiPreferencesPage* apiPage() const { return m_api; }
    StoragePreferencesPage* storagePage() const { return m_storage; }
    void showPage(int index);

    void accept() override;

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    QList<PreferencesPage*> m_pages;
    PerformancePreferencesPage* m_performance;
    ApiPreferencesPage* m_api = nullptr;
    StoragePreferencesPage* m_storage = nullptr;
};

} // namespace bfs::app
