#include "ReportExporter.h"

#include "FutureSupport.h"

#include "charts/ReportRenderer.h"
#include "reports/ProgressReport.h"
#include "settings/AppSettings.h"
#include "storage/Workspace.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QtConcurrent>

#include <memory>

namespace bfs::app {

ReportExporter::ReportExporter(QObject* parent)
    : QObject(parent)
{
}

QFuture<ReportExporter::Collected> ReportExporter::collect(const Workspace& workspace)
{
    const double minEdge = AppSettings().minEdge(); // the Evaluate screen's threshold
    return QtConcurrent::run([workspace, minEdge] {
        Collected collected;
        collected.report = ProgressReport::collect(workspace, minEdge, collected.error);
        return collected;
    });
}

QString ReportExporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString format = suffix == u"htm" ? QStringLiteral("html") : suffix;
    return ProgressReport::formats().contains(format) ? format : QString();
}

QString ReportExporter::pathForChoice(const QString& path, const QString& selectedFilter)
{
    if (!formatForPath(path).isEmpty())
        return path;
    // "HTML report (*.html)" → "html"
    static const QRegularExpression extension(QStringLiteral("\\(\\*\\.(\\w+)\\)"));
    const QString format = formatForPath(QStringLiteral("x.") + extension.match(selectedFilter).captured(1));
    return format.isEmpty() ? QString() : path + u'.' + format;
}

QString ReportExporter::fileDialogFilter()
{
    return tr("PDF report (*.pdf);;HTML report (*.html);;CSV numbers (*.csv);;JSON numbers (*.json)");
}

bool ReportExporter::exportReport(const Workspace& workspace, const QString& path, QString format)
{
    if (m_busy)
        return false;
    if (format.isEmpty())
        format = formatForPath(path);
    if (const QString problem = Workspace::outputPathProblem(workspace.dir(), path); !problem.isEmpty()) {
        Q_EMIT failed(problem);
        return false;
    }
    if (!ProgressReport::formats().contains(format)) {
        Q_EMIT failed(tr("unsupported report format '%1' (supported: %2)")
                          .arg(QFileInfo(path).suffix(), ProgressReport::formats().join(QStringLiteral(", "))));
        return false;
    }
    m_busy = true;
    whenFinished(this, collect(workspace), [this, path, format](Collected collected) {
        if (!collected.report) {
            m_busy = false;
            Q_EMIT failed(collected.error);
            return;
        }
        auto report = std::make_shared<ProgressReport>(std::move(*collected.report));
        auto images = std::make_shared<charts::ReportImages>();
        if (format == u"html" || format == u"pdf")
            *images = charts::ReportRenderer::renderCharts(*report);
        whenFinished(this, QtConcurrent::run([report, images, format, path] {
            QString error;
            charts::ReportRenderer::write(*report, *images, format, path, error);
            return error;
        }),
            [this, path, format](const QString& error) {
                m_busy = false;
                if (error.isEmpty())
                    Q_EMIT exported(path, format);
                else
                    Q_EMIT failed(error);
            });
    });
    return true;
}

} // namespace bfs::app
