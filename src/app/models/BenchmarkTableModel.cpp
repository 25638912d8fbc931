#include "BenchmarkTableModel.h"

#include <QLocale>

namespace bfs::app {

BenchmarkTableModel::BenchmarkTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int BenchmarkTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BenchmarkTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double BenchmarkTableModel::value(const BenchmarkRow& row, int column)
{
    switch (column) {
    case Workers:
        return row.workers;
    case Seconds:
        return row.seconds;
    case Speedup:
        return row.speedup;
    case Efficiency:
        return row.efficiency;
    case Read:
        return row.stages.read;
    case Compute:
        return row.stages.compute;
    case Write:
        return row.stages.write;
    }
    return 0;
}

QVariant BenchmarkTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows.at(index.row());
    const double number = value(row, index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Workers:
            return QString::number(row.workers);
        case Speedup:
            return QStringLiteral("%1×").arg(number, 0, 'f', 2);
        case Efficiency:
            return QStringLiteral("%1%").arg(number * 100.0, 0, 'f', 0);
        default:
            return QString::number(number, 'f', 2);
        }
    case Qt::UserRole:
        return number;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant BenchmarkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return QString::number(section + 1);
    switch (section) {
    case Workers:
        return tr("Workers");
    case Seconds:
        return tr("Seconds");
    case Speedup:
        return tr("Speedup");
    case Efficiency:
        return tr("Efficiency");
    case Read:
        return tr("Read s");
    case Compute:
        return tr("Compute s");
    case Write:
        return tr("Write s");
    }
    return {};
}

void BenchmarkTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void BenchmarkTableModel::addRow(const BenchmarkRow& row)
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
}

QString BenchmarkTableModel::toCsv() const
{
    QString csv = QStringLiteral("workers,seconds,speedup,efficiency,read_seconds,compute_seconds,write_seconds\n");
    for (const auto& row : m_rows) {
        csv += QString::number(row.workers);
        for (int column = Seconds; column < ColumnCount; ++column)
            csv += u',' + QString::number(value(row, column), 'g', 10);
        csv += u'\n';
    }
    return csv;
}

} // namespace bfs::app
