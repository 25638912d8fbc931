#pragma once

#include "features/FeatureBenchmark.h"

#include <QAbstractTableModel>
#include <QList>

namespace bfs::app {

// The benchmark's rows as the seed printed them by hand: workers, seconds, speedup,
// efficiency and the read / compute / write split. Display text is formatted; the
// raw number is under Qt::UserRole (for charts and CSV).
class BenchmarkTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Workers, Seconds, Speedup, Efficiency, Read, Compute, Write, ColumnCount };

    explicit BenchmarkTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void addRow(const BenchmarkRow& row);
    const QList<BenchmarkRow>& rows() const { return m_rows; }

    // Header line plus one line per row, full precision, '.' decimals.
    QString toCsv() const;

private:
    static double value(const BenchmarkRow& row, int column);
    QList<BenchmarkRow> m_rows;
};

} // namespace bfs::app
