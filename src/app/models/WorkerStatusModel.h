#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace bfs::app {

// The per-worker table of a running job: one row per worker slot with its status
// line ("2024-05-03: 7/15 events"), fed from the engine's throttled progress.
class WorkerStatusModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit WorkerStatusModel(QObject* parent = nullptr);

    void setStatuses(const QStringList& statuses);
    QStringList statuses() const { return m_statuses; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_statuses;
};

} // namespace bfs::app
