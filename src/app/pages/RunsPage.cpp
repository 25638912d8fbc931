#include "RunsPage.h"

#include "FutureSupport.h"

#include "models/RunsTableModel.h"
#include "storage/RunHistory.h"
#include "storage/Workspace.h"
#include "ui_RunsPage.h"
#include "util/Format.h"
#include "util/JsonFlatten.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSaveFile>
#include <QShowEvent>
#include <QUrl>
#include <QtConcurrent>

#include <cmath>
#include <cstring>
#include <map>

namespace bfs::app {

namespace {

QString valueText(const nlohmann::json& value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return QStringLiteral("–");
    if (value.is_boolean())
        return value.get<bool>() ? RunsPage::tr("yes") : RunsPage::tr("no");
    if (value.is_number_integer())
        return format::count(value.get<qint64>());
    if (value.is_number_float()) {
        const double v = value.get<double>();
        return format::decimal(v, std::abs(v) >= 100 ? 0 : std::abs(v) >= 1 ? 2 : 4);
    }
    return QString::fromStdString(value.dump());
}

// "dates_done" → "Dates done", "stages.read_seconds" → "Stages › read (s)": a reader's label with
// its unit, from the recorded key.
std::pair<QString, QString> labelAndUnit(const std::string& key)
{
    QStringList parts = QString::fromStdString(key).split(u'.');
    QString unit;
    QString& last = parts.last();
    static const std::pair<const char*, const char*> units[]
        = { { "_seconds", "s" }, { "_ms", "ms" }, { "_per_second", "/s" }, { "_mb", "MB" } };
    for (const auto& [suffix, u] : units) {
        if (last.endsWith(QLatin1String(suffix)) && last.size() > qsizetype(strlen(suffix))) {
            last.chop(qsizetype(strlen(suffix)));
            unit = QString::fromLatin1(u);
        }
    }
    if (last == u"seconds") {
        last = QStringLiteral("duration");
        unit = QStringLiteral("duration");
    } else if (last == u"rate") {
        unit = QStringLiteral("requests/s");
    } else if (last == u"api_key" || last == u"apiKey") {
        unit.clear();
    }
    for (QString& part : parts)
        part.replace(u'_', u' ');
    QString label = parts.join(QStringLiteral(" › "));
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return { label, unit };
}

QString cellText(const std::string& key, const nlohmann::json& value)
{
    const QString unit = labelAndUnit(key).second;
    if (unit == u"duration" && value.is_number())
        return format::duration(value.get<double>());
    const QString text = valueText(value);
    return unit.isEmpty() || !value.is_number() ? text : text + u' ' + unit;
}

QString table(const std::vector<std::pair<std::string, nlohmann::json>>& rows)
{
    QString html = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto& [key, value] : rows)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(labelAndUnit(key).first.toHtmlEscaped(), cellText(key, value).toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

struct Listed {
    QList<RunRecord> runs;
    QString error;
};

} // namespace

RunsPage::RunsPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RunsPage>())
    , m_model(new RunsTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->runsView->setModel(m_model);
    m_ui->runsView->verticalHeader()->hide();
    m_ui->runsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->runsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->detailsView->setPlaceholderText(
        tr("Select a run to see its configuration and result; select two to compare."));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &RunsPage::refresh);
    connect(m_ui->compareButton, &QPushButton::clicked, this, &RunsPage::showSelection);
    connect(m_ui->reportButton, &QPushButton::clicked, this, [this] {
        const QString path = writeRunReport();
        if (!path.isEmpty())
            openReport(path);
    });
    m_ui->reportLabel->hide();
    connect(m_ui->runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::showSelection);
    showSelection();
}

RunsPage::~RunsPage() = default;

void RunsPage::setWorkspace(const Workspace& workspace)
{
    m_workspace = workspace;
    if (isVisible())
        refresh();
}

void RunsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void RunsPage::refresh()
{
    if (!m_workspace || m_loading)
        return;
    m_loading = true;
    whenFinished(this, QtConcurrent::run([workspace = *m_workspace] {
        Listed listed;
        DbConnection connection = workspace.connect(listed.error);
        if (connection.isOpen())
            listed.runs = RunHistory(connection).list();
        return listed;
    }),
        [this](Listed listed) {
            m_loading = false;
            m_model->setRuns(std::move(listed.runs));
            if (!listed.error.isEmpty())
                m_ui->detailsView->setPlainText(tr("Cannot read the run history: %1").arg(listed.error));
            showSelection();
            Q_EMIT refreshed();
        });
}

QList<int> RunsPage::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_ui->runsView->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RunsPage::select(const QList<int>& rows)
{
    auto* selection = m_ui->runsView->selectionModel();
    selection->clearSelection();
    for (const int row : rows)
        selection->select(m_model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void RunsPage::showSelection()
{
    const QList<int> rows = selectedRows();
    m_ui->compareButton->setEnabled(rows.size() == 2);
    m_ui->reportButton->setEnabled(rows.size() == 1);
    if (rows.size() == 1)
        m_ui->detailsView->setHtml(runHtml(*m_model->runAt(rows.first())));
    else if (rows.size() == 2)
        m_ui->detailsView->setHtml(compareHtml(*m_model->runAt(rows.at(0)), *m_model->runAt(rows.at(1))));
    else
        m_ui->detailsView->clear();
}

QString RunsPage::detailsHtml() const
{
    return m_ui->detailsView->toHtml();
}

QString RunsPage::durationText(const RunRecord& run)
{
    if (!run.endedAt.isValid())
        return run.status == u"running" ? tr("running, or interrupted before it could record its end") : tr("unknown");
    // The job's own clock when it recorded one (the row's timestamps are taken around it).
    const double seconds
        = run.summary.is_object() && run.summary.contains("seconds") && run.summary["seconds"].is_number()
        ? run.summary["seconds"].get<double>()
        : run.seconds();
    return format::duration(seconds);
}

QString RunsPage::errorOf(const RunRecord& run)
{
    if (run.summary.is_object() && run.summary.contains("error") && run.summary["error"].is_string())
        return QString::fromStdString(run.summary["error"].get<std::string>());
    return {};
}

QString RunsPage::runHtml(const RunRecord& run)
{
    QString html = tr("<h3>Run %1 · %2 · %3</h3>")
                       .arg(run.id)
                       .arg(RunsTableModel::kindName(run.kind).toHtmlEscaped(), run.status.toHtmlEscaped());
    html += tr("<p>Started %1 · duration %2</p>")
                .arg(run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                    durationText(run).toHtmlEscaped());
    if (const QString error = errorOf(run); !error.isEmpty())
        html += tr("<p style=\"color:#b00020\"><b>Error:</b> %1</p>").arg(error.toHtmlEscaped());
    html += tr("<p><b>%1</b></p>").arg(RunsTableModel::headline(run).toHtmlEscaped());
    html += tr("<h4>Result</h4>") + table(flattenJson(run.summary));
    html += tr("<h4>Configuration</h4>") + table(flattenJson(run.config));
    return html;
}

void RunsPage::openReport(const QString& path)
{
    // Where nothing opens HTML (a bare desktop, a remote session), say where the file is instead.
    const bool opened
        = m_openUrl ? m_openUrl(QUrl::fromLocalFile(path)) : QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    const QString folder = QFileInfo(path).absolutePath();
    m_ui->reportLabel->setText(opened
            ? tr("Opened the run report %1.").arg(QDir::toNativeSeparators(path).toHtmlEscaped())
            : tr("No application opened the report. It is saved as <a href=\"%1\">%2</a> (folder: <a "
                 "href=\"%3\">%4</a>).")
                  .arg(QUrl::fromLocalFile(path).toString(), QDir::toNativeSeparators(path).toHtmlEscaped(),
                      QUrl::fromLocalFile(folder).toString(), QDir::toNativeSeparators(folder).toHtmlEscaped()));
    m_ui->reportLabel->show();
}

QString RunsPage::reportText() const
{
    return m_ui->reportLabel->isHidden() ? QString() : m_ui->reportLabel->text();
}

QString RunsPage::compareHtml(const RunRecord& a, const RunRecord& b)
{
    // Union of both runs' keys; differing values in bold.
    auto rows = [](const RunRecord& run) {
        std::map<std::string, nlohmann::json> map;
        for (auto& [key, value] : flattenJson({ { "result", run.summary }, { "config", run.config } }))
            map[key] = value;
        return map;
    };
    const auto left = rows(a), right = rows(b);
    std::map<std::string, std::pair<nlohmann::json, nlohmann::json>> merged;
    for (const auto& [key, value] : left)
        merged[key].first = value;
    for (const auto& [key, value] : right)
        merged[key].second = value;
    QString html = tr("<h3>Run %1 (%2) against run %3 (%4)</h3>")
                       .arg(a.id)
                       .arg(RunsTableModel::kindName(a.kind).toHtmlEscaped())
                       .arg(b.id)
                       .arg(RunsTableModel::kindName(b.kind).toHtmlEscaped());
    html += QStringLiteral(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th></th><th>%1</th><th>%2</th></tr>")
                .arg(tr("Run %1").arg(a.id), tr("Run %1").arg(b.id));
    html += tr("<tr><td>Duration</td><td>%1</td><td>%2</td></tr>")
                .arg(durationText(a).toHtmlEscaped(), durationText(b).toHtmlEscaped());
    for (const auto& [key, values] : merged) {
        const bool differ = values.first != values.second;
        const QString open = differ ? QStringLiteral("<b>") : QString(),
                      close = differ ? QStringLiteral("</b>") : QString();
        html += QStringLiteral("<tr><td>%1</td><td>%2%3%4</td><td>%2%5%4</td></tr>")
                    .arg(labelAndUnit(key).first.toHtmlEscaped(), open, cellText(key, values.first).toHtmlEscaped(),
                        close, cellText(key, values.second).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QString RunsPage::writeRunReport()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1 || !m_workspace)
        return {};
    const RunRecord& run = *m_model->runAt(rows.first());
    const QString path = QDir(m_workspace->reportsDir()).filePath(QStringLiteral("run-%1.html").arg(run.id));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QByteArray html
        = (QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Run %1</title></head><body>")
                .arg(run.id)
            + runHtml(run) + QStringLiteral("</body></html>\n"))
              .toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        m_ui->detailsView->setPlainText(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return {};
    }
    return path;
}

} // namespace bfs::app
