#include "PreferencesDialog.h"

#include "dialogs/StoragePreferencesPage.h"

#include "ui_PreferencesDialog.h"

#include "dialogs/ApiPreferencesPage.h"
#include "dialogs/PerformancePreferencesPage.h"
#include "settings/AppSettings.h"

#include <QMessageBox>
#include <QPushButton>

namespace bfs::app {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
    , m_performance(new PerformancePreferencesPage(this))
{
    m_ui->setupUi(this);
    m_ui->errorLabel->hide();
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_ui->pageList, &QListWidget::currentRowChanged, m_ui->pageStack, &QStackedWidget::setCurrentIndex);
    addPage(m_performance, tr("Performance"), QIcon(QStringLiteral(":/icons/runs.svg")));
    m_api = new ApiPreferencesPage(this);
    addPage(m_api, tr("API"), QIcon(QStringLiteral(":/icons/backfill.svg")));
    m_storage = new StoragePreferencesPage(this);
    addPage(m_storage, tr("Storage"), QIcon(QStringLiteral(":/icons/runs.svg")));
    showPage(0);
}

PreferencesDialog::~PreferencesDialog() = default;

int PreferencesDialog::addPage(PreferencesPage* page, const QString& title, const QIcon& icon)
{
    page->load(AppSettings());
    m_pages.append(page);
    m_ui->pageList->addItem(new QListWidgetItem(icon, title));
    return m_ui->pageStack->addWidget(page);
}

void PreferencesDialog::showPage(int index)
{
    m_ui->pageList->setCurrentRow(index);
}

void PreferencesDialog::accept()
{
    for (int index = 0; index < m_pages.size(); ++index) {
        const QString problem = m_pages.at(index)->validate();
        if (!problem.isEmpty()) {
            showPage(index);
            m_ui->errorLabel->setText(problem);
            m_ui->errorLabel->show();
            return;
        }
    }
    AppSettings settings;
    for (auto* page : std::as_const(m_pages))
        page->save(settings);
    settings.sync();
    if (const QString warning = m_api->keyWarning(); !warning.isEmpty()) {
        // Not modal over the closing dialog: the window the user returns to shows it.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("API key"), warning, QMessageBox::Ok, parentWidget());
        box->setObjectName(QStringLiteral("apiKeyWarning"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    QDialog::accept();
}

} // namespace bfs::app
