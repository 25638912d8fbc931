#pragma once

#include "storage/RunHistory.h"

#include <QAbstractTableModel>

namespace bfs::app {

// The workspace's run history as a table: kind, status, start, duration and the run's
// headline numbers. Filled from RunHistory by the Runs screen (off the GUI thread).
class RunsTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Kind, Status, Started, Duration, Headline, ColumnCount };

    explicit RunsTableModel(QObject* parent = nullptr);

    void setRuns(QList<RunRecord> runs);
    const RunRecord* runAt(int row) const;
    const QList<RunRecord>& runs() const { return m_runs; }

    // "44,624 races · 438,777 runners · 1 worker"; what a run produced, in one line.
    // A failed run's headline is its recorded error.
    static QString headline(const RunRecord& run);
    // "Backfill", "Load lines", "Feature benchmark": the kind as the screens name it.
    static QString kindName(const QString& kind);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RunRecord> m_runs;
};

} // namespace bfs::app
