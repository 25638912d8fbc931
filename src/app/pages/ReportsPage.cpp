#include "ReportsPage.h"

#include "FutureSupport.h"

#include "ReportExporter.h"
#include "charts/ReportRenderer.h"
#include "reports/ProgressReport.h"
#include "settings/AppSettings.h"
#include "ui_ReportsPage.h"

#include <QDir>
#include <QFileDialog>
#include <QShowEvent>
#include <QUrl>

namespace bfs::app {

ReportsPage::ReportsPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ReportsPage>())
    , m_exporter(new ReportExporter(this))
{
    m_ui->setupUi(this);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &ReportsPage::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &ReportsPage::chooseExport);
    connect(m_exporter, &ReportExporter::exported, this, [this](const QString& path, const QString& format) {
        m_ui->exportButton->setEnabled(true);
        m_ui->statusLabel->setText(tr("Exported %1 report to <a href=\"%2\">%3</a>")
                                       .arg(format.toUpper(), QUrl::fromLocalFile(path).toString(),
                                           QDir::toNativeSeparators(path).toHtmlEscaped()));
    });
    connect(m_exporter, &ReportExporter::failed, this, [this](const QString& error) {
        m_ui->exportButton->setEnabled(true);
        m_ui->statusLabel->setText(tr("Export failed: %1").arg(error.toHtmlEscaped()));
        Q_EMIT failed(error);
    });
    m_ui->statusLabel->setOpenExternalLinks(true);
    m_ui->preview->setPlaceholderText(tr("Open a workspace to see its progress report."));
}

ReportsPage::~ReportsPage() = default;

void ReportsPage::setWorkspace(const Workspace& workspace)
{
    m_workspace = workspace;
    m_stale = true;
    if (isVisible())
        refresh();
}

void ReportsPage::markStale()
{
    m_stale = true;
    if (isVisible())
        refresh();
}

void ReportsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void ReportsPage::refresh()
{
    if (!m_workspace || m_loading)
        return;
    m_loading = true;
    m_stale = false;
    m_ui->statusLabel->setText(tr("Gathering the report…"));
    whenFinished(this, ReportExporter::collect(*m_workspace), [this](const ReportExporter::Collected& collected) {
        m_loading = false;
        if (!collected.report) {
            m_ui->statusLabel->setText(tr("Cannot build the report: %1").arg(collected.error.toHtmlEscaped()));
            Q_EMIT failed(collected.error);
            return;
        }
        const charts::ReportImages images = charts::ReportRenderer::renderCharts(*collected.report);
        QTextDocument* document = m_ui->preview->document();
        for (const auto& [name, chart] : images.charts)
            document->addResource(QTextDocument::ImageResource, QUrl(name + QStringLiteral(".png")), chart.image);
        m_ui->preview->setHtml(charts::ReportRenderer::html(
            *collected.report, true, [](const QString& name) { return name + QStringLiteral(".png"); }));
        m_ui->statusLabel->setText(
            tr("Report of %1").arg(collected.report->generatedAt.toLocalTime().toString(Qt::TextDate)));
        Q_EMIT previewReady();
    });
}

void ReportsPage::exportTo(const QString& path)
{
    if (!m_workspace)
        return;
    m_ui->exportButton->setEnabled(false);
    m_ui->statusLabel->setText(tr("Exporting…"));
    if (!m_exporter->exportReport(*m_workspace, path))
        m_ui->exportButton->setEnabled(true);
}

void ReportsPage::chooseExport()
{
    if (!m_workspace)
        return;
    const QString fileName = QStringLiteral("progress-%1.pdf").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString suggested = AppSettings().dialogStart(
        AppSettings::FileKind::Report, QDir(m_workspace->reportsDir()).filePath(fileName), fileName);
    QString filter;
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export progress report"), suggested, ReportExporter::fileDialogFilter(), &filter);
    if (chosen.isEmpty())
        return;
    AppSettings().setLastDirectory(AppSettings::FileKind::Report, chosen);
    const QString path = ReportExporter::pathForChoice(chosen, filter);
    exportTo(path.isEmpty() ? chosen : path); // no format at all: the exporter names the problem
}

QString ReportsPage::previewText() const
{
    return m_ui->preview->toPlainText();
}

} // namespace bfs::app
