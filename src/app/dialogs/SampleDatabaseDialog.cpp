#include "SampleDatabaseDialog.h"

#include "ui_SampleDatabaseDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

namespace bfs::app {

SampleDatabaseDialog::SampleDatabaseDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SampleDatabaseDialog>())
{
    m_ui->setupUi(this);
    m_ui->errorLabel->hide();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const bool useDocuments = !documents.isEmpty() && QDir(documents).exists();
    m_ui->pathEdit->setText(
        QDir(useDocuments ? documents : QDir::homePath()).filePath(QStringLiteral("sample-races.sqlite")));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SampleDatabaseDialog::accept);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Sample database"), m_ui->pathEdit->text(), tr("SQLite databases (*.sqlite *.db)"));
        if (!path.isEmpty())
            m_ui->pathEdit->setText(path);
    });
}

SampleDatabaseDialog::~SampleDatabaseDialog() = default;

int SampleDatabaseDialog::races() const
{
    return m_ui->racesSpin->value();
}

quint64 SampleDatabaseDialog::seed() const
{
    return quint64(m_ui->seedSpin->value());
}

QString SampleDatabaseDialog::path() const
{
    return m_ui->pathEdit->text().trimmed();
}

void SampleDatabaseDialog::accept()
{
    const QFileInfo file(path());
    QString problem;
    if (path().isEmpty())
        problem = tr("Choose a file for the sample database.");
    else if (!file.absoluteDir().exists())
        problem = tr("The folder %1 does not exist.").arg(file.absolutePath());
    else if (file.isDir())
        problem = tr("%1 is a folder; choose a file name.").arg(path());
    if (!problem.isEmpty()) {
        m_ui->errorLabel->setText(problem);
        m_ui->errorLabel->show();
        return;
    }
    if (file.exists()
        && QMessageBox::question(
               this, windowTitle(), tr("%1 exists. Replace it with a new sample database?").arg(path()))
            != QMessageBox::Yes)
        return;
    QDialog::accept();
}

} // namespace bfs::app
