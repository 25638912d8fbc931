#pragma once

#include "dialogs/PreferencesPage.h"

#include <memory>

namespace Ui {
class StoragePreferencesPage;
}

namespace bfs::app {

// Preferences ▸ Storage (team.md): whether the open workspace keeps its data in its own SQLite
// file or in a team database (PostgreSQL) shared by several computers — the URL, a password (to
// the keychain, SecretStore) and *Test connection*, which shows the server's own answer. Saving
// binds the workspace folder to the database (team.json, the URL without the password) or
// unbinds it; storageChanged() then tells the window to open the workspace again.
class StoragePreferencesPage final : public PreferencesPage {
    Q_OBJECT
public:
    explicit StoragePreferencesPage(QWidget* parent = nullptr);
    ~StoragePreferencesPage() override;

    void load(const AppSettings& settings) override;
    void save(AppSettings& settings) const override;
    QString validate() const override;
    bool storageChanged() const { return m_changed; }
    // After save(): why the password is kept for this session only, or why binding failed.
    QString warning() const { return m_warning; }

    Ui::StoragePreferencesPage* form() const { return m_ui.get(); } // tests drive the fields

Q_SIGNALS:
    void connectionTested(bool ok, const QString& message);

private:
    void testConnection();
    void updateEnabled();

    std::unique_ptr<Ui::StoragePreferencesPage> m_ui;
    QString m_workspaceDir;
    QString m_boundUrl; // as loaded, without password
    mutable bool m_changed = false;
    mutable QString m_warning;
    bool m_passwordEdited = false;
};

} // namespace bfs::app
