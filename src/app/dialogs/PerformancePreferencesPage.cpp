#include "PerformancePreferencesPage.h"

#include "ui_PerformancePreferencesPage.h"

#include "jobs/JobEngine.h"
#include "settings/AppSettings.h"

#include <QThread>

namespace bfs::app {

PerformancePreferencesPage::PerformancePreferencesPage(QWidget* parent)
    : PreferencesPage(parent)
    , m_ui(std::make_unique<Ui::PerformancePreferencesPage>())
{
    m_ui->setupUi(this);
    m_ui->workersSpin->setRange(JobEngine::MinWorkers, JobEngine::MaxWorkers);
    m_ui->workersHint->setText(tr("This computer has %1 logical cores; the default, %2, leaves one for the "
                                  "rest of the system.")
                                   .arg(QThread::idealThreadCount())
                                   .arg(JobEngine::defaultWorkers()));
    connect(m_ui->defaultButton, &QPushButton::clicked, this,
        [this] { m_ui->workersSpin->setValue(JobEngine::defaultWorkers()); });
}

PerformancePreferencesPage::~PerformancePreferencesPage() = default;

void PerformancePreferencesPage::load(const AppSettings& settings)
{
    m_ui->workersSpin->setValue(settings.workers());
    m_ui->rateSpin->setValue(settings.rateLimit());
    m_ui->delaySpin->setValue(settings.delayMs());
    m_ui->retriesSpin->setValue(settings.maxRetries());
    m_ui->timeoutSpin->setValue(settings.timeoutSeconds());
    m_ui->budgetSpin->setValue(int(std::min<qint64>(settings.budget(), m_ui->budgetSpin->maximum())));
    m_ui->reserveSpin->setValue(int(std::min<qint64>(settings.reserve(), m_ui->reserveSpin->maximum())));
}

void PerformancePreferencesPage::save(AppSettings& settings) const
{
    settings.setWorkers(m_ui->workersSpin->value());
    settings.setRateLimit(m_ui->rateSpin->value());
    settings.setDelayMs(m_ui->delaySpin->value());
    settings.setMaxRetries(m_ui->retriesSpin->value());
    settings.setTimeoutSeconds(m_ui->timeoutSpin->value());
    settings.setBudget(m_ui->budgetSpin->value());
    settings.setReserve(m_ui->reserveSpin->value());
}

int PerformancePreferencesPage::workers() const
{
    return m_ui->workersSpin->value();
}

void PerformancePreferencesPage::setWorkers(int workers)
{
    m_ui->workersSpin->setValue(workers);
}

} // namespace bfs::app
