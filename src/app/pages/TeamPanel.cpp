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
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &TeamPanel::refresh);
    hide();
}

void TeamPanel::setWorkspace(const QString& dir)
{
    QString error;
    const bool team = !dir.isEmpty() && Workspace::boundTeam(dir, error).has_value();
    m_workspaceDir = team ? dir : QString();
    ++m_generation;
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
    if (m_workspaceDir.isEmpty() || m_reading)
        return;
    m_reading = true;
    const int generation = m_generation;
    whenFinished(this, QtConcurrent::run([dir = m_workspaceDir] {
        QString error;
        std::optional<std::vector<TeamInstance>> instances;
        if (const auto workspace = Workspace::open(dir, error))
            instances = TeamInstance::list(*workspace, error);
        return std::make_pair(instances, error);
    }),
        [this, generation](const std::pair<std::optional<std::vector<TeamInstance>>, QString>& read) {
            m_reading = false;
            if (generation != m_generation)
                return;
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
