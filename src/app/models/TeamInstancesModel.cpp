#include "TeamInstancesModel.h"

#include <QLocale>

namespace bfs::app {

TeamInstancesModel::TeamInstancesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TeamInstancesModel::setInstances(const std::vector<TeamInstance>& instances, const QDateTime& sampledAt)
{
    beginResetModel();
    m_instances = instances;
    m_rates.clear();
    QHash<QString, std::pair<qint64, QDateTime>> seen;
    for (const TeamInstance& i : m_instances) {
        std::optional<double> rate;
        const auto before = m_previous.constFind(i.owner);
        if (before != m_previous.cend()) {
            const double seconds = before->second.msecsTo(sampledAt) / 1000.0;
            if (seconds > 0 && i.requests >= before->first)
                rate = double(i.requests - before->first) / seconds;
        }
        m_rates.push_back(rate);
        seen.insert(i.owner, { i.requests, sampledAt });
    }
    m_previous = std::move(seen);
    endResetModel();
}

std::optional<double> TeamInstancesModel::requestsPerSecond(int row) const
{
    return row >= 0 && row < int(m_rates.size()) ? m_rates[std::size_t(row)] : std::nullopt;
}

int TeamInstancesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_instances.size());
}

int TeamInstancesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TeamInstancesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_instances.size()))
        return {};
    const TeamInstance& i = m_instances[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Owner ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Owner:
        return i.owner;
    case RunningDates:
        return i.runningDates;
    case LastRenewal:
        return QLocale().toString(i.lastSeen.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    case RequestsPerSecond: {
        const auto rate = requestsPerSecond(index.row());
        return rate ? QLocale().toString(*rate, 'f', 1) : QStringLiteral("–");
    }
    default:
        return {};
    }
}

QVariant TeamInstancesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Owner:
        return tr("Instance");
    case RunningDates:
        return tr("Dates running");
    case LastRenewal:
        return tr("Last renewal");
    case RequestsPerSecond:
        return tr("Requests/s");
    default:
        return {};
    }
}

} // namespace bfs::app
