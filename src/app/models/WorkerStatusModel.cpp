#include "WorkerStatusModel.h"

namespace bfs::app {

WorkerStatusModel::WorkerStatusModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void WorkerStatusModel::setStatuses(const QStringList& statuses)
{
    if (statuses.size() != m_statuses.size()) {
        beginResetModel();
        m_statuses = statuses;
        endResetModel();
        return;
    }
    for (int i = 0; i < statuses.size(); ++i) {
        if (statuses[i] != m_statuses[i]) {
            m_statuses[i] = statuses[i];
            Q_EMIT dataChanged(index(i, 1), index(i, 1), { Qt::DisplayRole });
        }
    }
}

int WorkerStatusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_statuses.size());
}

int WorkerStatusModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant WorkerStatusModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_statuses.size() || role != Qt::DisplayRole)
        return {};
    return index.column() == 0 ? QVariant(index.row() + 1) : QVariant(m_statuses[index.row()]);
}

QVariant WorkerStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    return section == 0 ? tr("Worker") : section == 1 ? tr("Status") : QVariant();
}

} // namespace bfs::app
