#pragma once

#include "reports/WorkspaceStatus.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>

namespace bfs::app {

// The Team panel's table (team.md): one row per instance with a live lease — owner, dates it
// is running, its last lease renewal, and its requests per second between the last two samples.
class TeamInstancesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Owner, RunningDates, LastRenewal, RequestsPerSecond, ColumnCount };

    explicit TeamInstancesModel(QObject* parent = nullptr);

    // A new sample of the instances, taken at `sampledAt` (rates come from the previous one).
    void setInstances(const std::vector<TeamInstance>& instances, const QDateTime& sampledAt);
    const std::vector<TeamInstance>& instances() const { return m_instances; }
    std::optional<double> requestsPerSecond(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TeamInstance> m_instances;
    std::vector<std::optional<double>> m_rates;
    QHash<QString, std::pair<qint64, QDateTime>> m_previous; // owner → (requests, sampled at)
};

} // namespace bfs::app
