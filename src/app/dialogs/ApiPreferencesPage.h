#pragma once

#include "dialogs/PreferencesPage.h"

#include <memory>

namespace Ui {
class ApiPreferencesPage;
}

namespace bfs::app {

// Preferences ▸ API: where and what the odds backfill asks The Odds API for — base URL,
// sport, markets, regions or bookmakers, odds format, the events-list time and the
// snapshot rule (minutes before first pitch, or a fixed UTC time). The key goes to the
// system keychain (SecretStore), never to the settings file.
class ApiPreferencesPage final : public PreferencesPage {
    Q_OBJECT
public:
    explicit ApiPreferencesPage(QWidget* parent = nullptr);
    ~ApiPreferencesPage() override;

    void load(const AppSettings& settings) override;
    void save(AppSettings& settings) const override;
    // After save(): why the key is kept for this session only, empty when the keychain took it.
    QString keyWarning() const { return m_keyWarning; }
    QString validate() const override;

    Ui::ApiPreferencesPage* form() const { return m_ui.get(); } // tests drive the fields

private:
    mutable QString m_keyWarning;
    std::unique_ptr<Ui::ApiPreferencesPage> m_ui;
    bool m_keyEdited = false;
};

} // namespace bfs::app
