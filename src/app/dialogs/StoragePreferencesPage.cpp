#include "StoragePreferencesPage.h"

#include "FutureSupport.h"
#include "SecretStore.h"
#include "settings/AppSettings.h"
#include "storage/DbConnection.h"
#include "storage/Workspace.h"
#include "ui_StoragePreferencesPage.h"

#include <QDir>
#include <QtConcurrent>

namespace bfs::app {

StoragePreferencesPage::StoragePreferencesPage(QWidget* parent)
    : PreferencesPage(parent)
    , m_ui(std::make_unique<Ui::StoragePreferencesPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->teamRadio, &QRadioButton::toggled, this, &StoragePreferencesPage::updateEnabled);
    connect(m_ui->testButton, &QPushButton::clicked, this, &StoragePreferencesPage::testConnection);
    connect(m_ui->passwordEdit, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
}

StoragePreferencesPage::~StoragePreferencesPage() = default;

void StoragePreferencesPage::updateEnabled()
{
    const bool team = m_ui->teamRadio->isChecked();
    for (QWidget* w : { static_cast<QWidget*>(m_ui->urlEdit), static_cast<QWidget*>(m_ui->passwordEdit),
             static_cast<QWidget*>(m_ui->testButton) })
        w->setEnabled(team && !m_workspaceDir.isEmpty());
}

void StoragePreferencesPage::load(const AppSettings& settings)
{
    m_workspaceDir = settings.lastWorkspace();
    QString error;
    const auto bound = m_workspaceDir.isEmpty() ? std::nullopt : Workspace::boundTeam(m_workspaceDir, error);
    m_boundUrl = bound ? bound->withoutPassword() : QString();
    m_ui->workspaceLabel->setText(m_workspaceDir.isEmpty()
            ? tr("Open a workspace first: storage is chosen per workspace folder.")
            : tr("Workspace folder: %1").arg(QDir::toNativeSeparators(m_workspaceDir)));
    m_ui->teamRadio->setChecked(bound.has_value());
    m_ui->sqliteRadio->setChecked(!bound);
    m_ui->sqliteRadio->setEnabled(!m_workspaceDir.isEmpty());
    m_ui->teamRadio->setEnabled(!m_workspaceDir.isEmpty());
    m_ui->urlEdit->setText(m_boundUrl);
    m_ui->passwordEdit->clear(); // never shown; typing one replaces it
    m_passwordEdited = false;
    m_ui->testResultLabel->clear();
    updateEnabled();
}

QString StoragePreferencesPage::validate() const
{
    if (m_workspaceDir.isEmpty() || !m_ui->teamRadio->isChecked())
        return {};
    QString error;
    if (!DatabaseUrl::parse(m_ui->urlEdit->text(), error))
        return tr("Storage: %1").arg(error.replace(QStringLiteral("--database: "), QString()));
    return {};
}

void StoragePreferencesPage::save(AppSettings&) const
{
    m_warning.clear();
    m_changed = false;
    if (m_workspaceDir.isEmpty())
        return;
    QString error;
    std::optional<DatabaseUrl> url;
    if (m_ui->teamRadio->isChecked())
        url = DatabaseUrl::parse(m_ui->urlEdit->text(), error);
    // A password typed into the URL goes where passwords go, never into the folder.
    QString password = m_passwordEdited ? m_ui->passwordEdit->text() : QString();
    if (url && !url->password().isEmpty() && !m_passwordEdited)
        password = url->password();
    if (m_passwordEdited || (url && !url->password().isEmpty())) {
        if (!SecretStore::write(Secret::TeamDatabasePassword, password, &error))
            m_warning = tr("The system keychain did not store the database password (%1). It is kept in memory for "
                           "this session only.")
                            .arg(error);
        SecretStore::exportTeamPassword();
        m_changed = true;
    }
    const QString now = url ? url->withoutPassword() : QString();
    if (now == m_boundUrl)
        return;
    if (!Workspace::bindTeam(m_workspaceDir, url, error))
        m_warning = error;
    m_changed = true;
}

void StoragePreferencesPage::testConnection()
{
    QString error;
    auto url = DatabaseUrl::parse(m_ui->urlEdit->text(), error);
    if (!url) {
        m_ui->testResultLabel->setText(error.replace(QStringLiteral("--database: "), QString()));
        Q_EMIT connectionTested(false, m_ui->testResultLabel->text());
        return;
    }
    if (m_passwordEdited)
        url = url->withPassword(m_ui->passwordEdit->text());
    else if (url->password().isEmpty())
        url = url->withPassword(SecretStore::read(Secret::TeamDatabasePassword));
    m_ui->testButton->setEnabled(false);
    m_ui->testResultLabel->setText(tr("Connecting to %1…").arg(url->redacted()));
    // Connecting can take seconds (connect_timeout 10): off the GUI thread.
    whenFinished(this, QtConcurrent::run([url = *url] {
        QString message;
        const DbConnection connection = DbConnection::openPostgres(url, message);
        if (!connection.isOpen())
            return std::make_pair(false, message);
        return std::make_pair(true,
            QStringLiteral("Connected: %1")
                .arg(connection.scalar(QStringLiteral("SELECT version()")).toString().section(u',', 0, 0)));
    }),
        [this](const std::pair<bool, QString>& result) {
            m_ui->testButton->setEnabled(true);
            m_ui->testResultLabel->setText(result.second);
            Q_EMIT connectionTested(result.first, result.second);
        });
}

} // namespace bfs::app
