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

void PerformancePreferencesPage::load(const AppSettings& settings) { m_ui->workersSpin->setValue(settings.workers()); }

void PerformancePreferencesPage::save(AppSettings& settings) const { settings.setWorkers(m_ui->workersSpin->value()); }

int PerformancePreferencesPage::workers() const { return m_ui->workersSpin->value(); }

void PerformancePreferencesPage::setWorkers(int workers) { m_ui->workersSpin->setValue(workers); }

} // namespace bfs::app
