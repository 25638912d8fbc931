#pragma once

#include "dialogs/PreferencesPage.h"

#include <memory>

namespace Ui {
class PerformancePreferencesPage;
}

namespace bfs::app {

// Preferences ▸ Performance: how many workers jobs run on by default, and how the odds
// backfill paces its requests (rate, delay, retries, timeout) and guards its credits
// (budget per run, reserve).
class PerformancePreferencesPage final : public PreferencesPage {
    Q_OBJECT
public:
    explicit PerformancePreferencesPage(QWidget* parent = nullptr);
    ~PerformancePreferencesPage() override;

    void load(const AppSettings& settings) override;
    void save(AppSettings& settings) const override;

    int workers() const;
    void setWorkers(int workers);

private:
    std::unique_ptr<Ui::PerformancePreferencesPage> m_ui;
};

} // namespace bfs::app
