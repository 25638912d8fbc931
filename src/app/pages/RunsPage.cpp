#include "RunsPage.h"

#include "FutureSupport.h"

#include "models/RunsTableModel.h"
#include "storage/RunHistory.h"
#include "storage/Workspace.h"
#include "ui_RunsPage.h"
#include "util/JsonFlatten.h"

#include <QDesktopServices>
#include <QDir>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSaveFile>
#include <QShowEvent>
#include <QUrl>
#include <QtConcurrent>

#include <map>

namespace bfs::app {

namespace {

QString valueText(const nlohmann::json& value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return QStringLiteral("–");
    if (value.is_number_float())
        return QString::number(value.get<double>(), 'g', 6);
    return QString::fromStdString(value.dump());
}

QString table(const std::vector<std::pair<std::string, nlohmann::json>>& rows)
{
    QString html = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto& [key, value] : rows)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(QString::fromStdString(key).toHtmlEscaped(), valueText(value).toHtmlEscaped());
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
    m_ui->detailsView->setPlaceholderText(tr("Select a run to see its configuration and result; select two to compare."));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &RunsPage::refresh);
    connect(m_ui->compareButton, &QPushButton::clicked, this, &RunsPage::showSelection);
    connect(m_ui->reportButton, &QPushButton::clicked, this, [this] {
        const QString path = writeRunReport();
        if (!path.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    });
    connect(m_ui->runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::showSelection);
    showSelection();
}

RunsPage::~RunsPage() = default;

void RunsPage::setWorkspaceDir(const QString& dir)
{
    m_workspaceDir = dir;
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
    if (m_workspaceDir.isEmpty() || m_loading)
        return;
    m_loading = true;
    whenFinished(this, QtConcurrent::run([dir = m_workspaceDir] {
        Listed listed;
        if (const auto workspace = Workspace::open(dir, listed.error)) {
            DbConnection connection = workspace->connect(listed.error);
            if (connection.isOpen())
                listed.runs = RunHistory(connection).list();
        }
        return listed;
    }), [this](Listed listed) {
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

QString RunsPage::detailsHtml() const { return m_ui->detailsView->toHtml(); }

QString RunsPage::runHtml(const RunRecord& run)
{
    QString html = tr("<h3>Run %1 · %2 · %3</h3>").arg(run.id).arg(run.kind.toHtmlEscaped(), run.status.toHtmlEscaped());
    html += tr("<p>Started %1%2</p>")
                .arg(run.startedAt.toLocalTime().toString(Qt::TextDate),
                    run.endedAt.isValid() ? tr(", took %1 s").arg(run.seconds(), 0, 'f', 1) : QString());
    html += tr("<p><b>%1</b></p>").arg(RunsTableModel::headline(run).toHtmlEscaped());
    html += tr("<h4>Result</h4>") + table(flattenJson(run.summary));
    html += tr("<h4>Configuration</h4>") + table(flattenJson(run.config));
    return html;
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
                       .arg(a.kind.toHtmlEscaped())
                       .arg(b.id)
                       .arg(b.kind.toHtmlEscaped());
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th></th><th>%1</th><th>%2</th></tr>")
                .arg(tr("Run %1").arg(a.id), tr("Run %1").arg(b.id));
    html += tr("<tr><td>duration (s)</td><td>%1</td><td>%2</td></tr>").arg(a.seconds(), 0, 'f', 2).arg(b.seconds(), 0, 'f', 2);
    for (const auto& [key, values] : merged) {
        const bool differ = values.first != values.second;
        const QString open = differ ? QStringLiteral("<b>") : QString(), close = differ ? QStringLiteral("</b>") : QString();
        html += QStringLiteral("<tr><td>%1</td><td>%2%3%4</td><td>%2%5%4</td></tr>")
                    .arg(QString::fromStdString(key).toHtmlEscaped(), open, valueText(values.first).toHtmlEscaped(), close,
                        valueText(values.second).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QString RunsPage::writeRunReport()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1 || m_workspaceDir.isEmpty())
        return {};
    const RunRecord& run = *m_model->runAt(rows.first());
    const QString path = QDir(m_workspaceDir).filePath(QStringLiteral("reports/run-%1.html").arg(run.id));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QByteArray html = (QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Run %1</title></head><body>")
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
