#include "TeamPanel.h"

#include "FutureSupport.h"
#include "models/TeamInstancesModel.h"
#include "storage/Workspace.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bfs::app {

namespace {
// Polling every two seconds on one connection, not a new one each time: it lives on the panel's
// one reader thread (a connection belongs to the thread that opened it, and closes when it ends)
// and is opened again after an error or for another database.
std::optional<std::vector<TeamInstance>> readInstances(const Workspace& workspace, QString& error)
{
    thread_local std::optional<DbConnection> connection;
    thread_local QString database;
    if (!connection || database != workspace.databaseLabel()) {
        connection.reset();
        DbConnection opened = workspace.connect(error);
        if (!opened.isOpen())
            return std::nullopt;
        connection = std::move(opened);
        database = workspace.databaseLabel();
    }
    auto instances = TeamInstance::list(*connection, error);
    if (!instances)
        connection.reset();
    return instances;
}
} // namespace

TeamPanel::TeamPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new TeamInstancesModel(this))
{
    setObjectName(QStringLiteral("teamPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setMaximumHeight(130);
    layout->addWidget(m_view);
    m_reader.setMaxThreadCount(1);
    m_reader.setExpiryTimeout(-1);
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &TeamPanel::refresh);
    hide();
}

void TeamPanel::setWorkspace(const Workspace& workspace)
{
    const bool team = workspace.isTeam();
    m_workspace = team ? std::optional<Workspace>(workspace) : std::nullopt;
    m_reads.invalidate(); // a read of the previous workspace still in flight is dropped
    m_reading = false;
    m_model->setInstances({}, QDateTime::currentDateTimeUtc());
    setVisible(team);
    if (!team) {
        m_timer.stop();
        return;
    }
    m_summary->setText(tr("Team: reading the instances…"));
    m_timer.start();
    refresh();
}

void TeamPanel::refresh()
{
    if (!m_workspace || m_reading)
        return;
    m_reading = true;
    m_reads.start(this,
        QtConcurrent::run(&m_reader,
            [workspace = *m_workspace] {
                QString error;
                auto instances = readInstances(workspace, error);
                return std::make_pair(instances, error);
            }),
        [this](const std::pair<std::optional<std::vector<TeamInstance>>, QString>& read) {
            m_reading = false;
            if (!read.first) {
                m_summary->setText(tr("Team: cannot read the instances: %1").arg(read.second));
                return;
            }
            m_model->setInstances(*read.first, QDateTime::currentDateTimeUtc());
            int dates = 0;
            for (const TeamInstance& i : *read.first)
                dates += i.runningDates;
            m_summary->setText(read.first->empty()
                    ? tr("Team: no instance is working on this database now.")
                    : tr("Team: %n instance(s) working, ", nullptr, int(read.first->size()))
                        + tr("%n date(s) running.", nullptr, dates));
            Q_EMIT refreshed();
        });
}

} // namespace bfs::app
