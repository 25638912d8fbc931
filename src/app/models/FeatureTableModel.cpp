#include "FeatureTableModel.h"

#include <QBrush>
#include <QFileInfo>
#include <QPalette>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs::app {

FeatureTableModel::FeatureTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

FeatureTableModel::~FeatureTableModel() = default;

bool FeatureTableModel::open(const QString& databasePath, QString& error)
{
    beginResetModel();
    m_rows.clear();
    m_rowids.clear();
    m_atEnd = true;
    m_connection = {};
    m_query.columns.clear();
    m_path = databasePath;
    endResetModel();

    if (!QFileInfo::exists(databasePath)) {
        error = tr("database %1 does not exist").arg(databasePath);
        return false;
    }
    auto connection = DbConnection::openSqlite(databasePath, error);
    if (!connection.isOpen())
        return false;
    auto columns = featureColumns(connection, error);
    if (columns.isEmpty())
        return false;
    {
        QSqlQuery probe(connection.db());
        m_hasRowid = probe.exec(QStringLiteral("SELECT rowid FROM %1 LIMIT 1").arg(QLatin1String(FeatureQuery::Table)));
    }
    m_connection = std::move(connection);
    beginResetModel();
    m_query.columns = columns;
    if (!m_query.validate().isEmpty()) { // a filter on a column this table lacks
        m_query.filterColumn.clear();
        m_query.sortColumn = -1;
    }
    endResetModel();
    reload();
    return true;
}

void FeatureTableModel::close()
{
    beginResetModel();
    m_rows.clear();
    m_rowids.clear();
    m_atEnd = true;
    m_connection = {};
    m_query.columns.clear();
    endResetModel();
    Q_EMIT queryChanged();
}

bool FeatureTableModel::setFilter(const FeatureQuery& filter, QString& error)
{
    FeatureQuery next = m_query;
    next.text = filter.text;
    next.filterColumn = filter.filterColumn;
    next.filterOperator = filter.filterOperator;
    next.filterValue = filter.filterValue;
    error = next.validate();
    if (!error.isEmpty())
        return false;
    m_query = next;
    reload();
    return true;
}

void FeatureTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_query.columns.size())
        return;
    if (column == m_query.sortColumn && order == m_query.sortOrder)
        return;
    m_query.sortColumn = column;
    m_query.sortOrder = order;
    reload();
}

void FeatureTableModel::reload()
{
    // The first page is read inside the reset: views and testers that ask for rows
    // while the reset is announced see a consistent model, never an insert in flight.
    m_announcing = true;
    beginResetModel();
    m_rows.clear();
    m_rowids.clear();
    m_atEnd = !m_connection.isOpen();
    QString failure;
    if (!m_atEnd) {
        QList<QList<QVariant>> rows;
        QList<qint64> rowids;
        if (readPage(rows, rowids)) {
            m_atEnd = rows.size() < PageSize;
            m_rows = std::move(rows);
            m_rowids = std::move(rowids);
        } else {
            m_atEnd = true;
            failure = m_error;
        }
    }
    // Listeners of modelReset and rowsInserted (views, QAbstractItemModelTester) may
    // call fetchMore while the change is still being announced; those calls wait for
    // the next scroll instead of nesting one change inside another.
    endResetModel();
    m_announcing = false;
    if (!failure.isEmpty())
        Q_EMIT errorOccurred(failure);
    Q_EMIT queryChanged();
}

int FeatureTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FeatureTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_query.columns.size());
}

QVariant FeatureTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariant& value = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (value.isNull())
            return QStringLiteral("–");
        if (value.typeId() == QMetaType::Double)
            return QString::number(value.toDouble(), 'g', 6);
        return value.toString();
    case Qt::EditRole:
    case Qt::UserRole:
        return value;
    case Qt::TextAlignmentRole:
        if (value.typeId() == QMetaType::QString)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (value.isNull())
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    default:
        return {};
    }
}

QVariant FeatureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= m_query.columns.size())
        return {};
    return m_query.columns.at(section);
}

bool FeatureTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_announcing && m_connection.isOpen();
}

void FeatureTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    QList<QList<QVariant>> rows;
    QList<qint64> rowids;
    if (!readPage(rows, rowids)) {
        m_atEnd = true;
        Q_EMIT errorOccurred(m_error);
        return;
    }
    if (rows.size() < PageSize)
        m_atEnd = true;
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    m_announcing = true;
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.append(std::move(rows));
    m_rowids.append(std::move(rowids));
    endInsertRows();
    m_announcing = false;
}

bool FeatureTableModel::readPage(QList<QList<QVariant>>& rows, QList<qint64>& rowids)
{
    QVariantList bindings;
    QStringList conditions;
    if (const QString where = m_query.where(bindings); !where.isEmpty())
        conditions << u'(' + where + u')';

    const QString sortName = m_query.sortColumnName();
    const bool descending = m_query.sortOrder == Qt::DescendingOrder;
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString orderBy;
    if (m_hasRowid) {
        orderBy = sortName.isEmpty() ? QStringLiteral("rowid ASC")
                                     : QStringLiteral("%1 %2, rowid %2").arg(FeatureQuery::quote(sortName), direction);
        // Keyset continuation. SQLite sorts NULL first ascending and last descending.
        if (!m_rows.isEmpty()) {
            const qint64 lastRowid = m_rowids.constLast();
            if (sortName.isEmpty()) {
                conditions << QStringLiteral("rowid > ?");
                bindings << lastRowid;
            } else {
                const QString c = FeatureQuery::quote(sortName);
                const QVariant lastValue = m_rows.constLast().at(m_query.sortColumn);
                if (!descending && lastValue.isNull()) {
                    conditions << QStringLiteral("((%1 IS NULL AND rowid > ?) OR %1 IS NOT NULL)").arg(c);
                    bindings << lastRowid;
                } else if (!descending) {
                    conditions << QStringLiteral("(%1 > ? OR (%1 = ? AND rowid > ?))").arg(c);
                    bindings << lastValue << lastValue << lastRowid;
                } else if (lastValue.isNull()) {
                    conditions << QStringLiteral("(%1 IS NULL AND rowid < ?)").arg(c);
                    bindings << lastRowid;
                } else {
                    conditions << QStringLiteral("(%1 < ? OR (%1 = ? AND rowid < ?) OR %1 IS NULL)").arg(c);
                    bindings << lastValue << lastValue << lastRowid;
                }
            }
        }
    } else if (!sortName.isEmpty()) {
        orderBy = QStringLiteral("%1 %2").arg(FeatureQuery::quote(sortName), direction);
    }

    QString sql = QStringLiteral("SELECT %1%2 FROM %3")
                      .arg(m_hasRowid ? QStringLiteral("rowid, ") : QString(), m_query.selectList(),
                          QLatin1String(FeatureQuery::Table));
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    if (!orderBy.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + orderBy;
    sql += QStringLiteral(" LIMIT %1").arg(PageSize);
    if (!m_hasRowid)
        sql += QStringLiteral(" OFFSET %1").arg(m_rows.size());

    QSqlQuery query(m_connection.db());
    query.setForwardOnly(true);
    bool ok = query.prepare(sql);
    for (const auto& value : std::as_const(bindings))
        query.addBindValue(value);
    ok = ok && query.exec();
    if (!ok) {
        m_error = tr("cannot read the features table: %1").arg(query.lastError().text());
        return false;
    }
    const int offset = m_hasRowid ? 1 : 0;
    const auto columns = m_query.columns.size();
    rows.reserve(PageSize);
    while (query.next()) {
        QList<QVariant> row;
        row.reserve(columns);
        for (qsizetype column = 0; column < columns; ++column)
            row.append(query.value(int(column) + offset));
        rows.append(std::move(row));
        rowids.append(m_hasRowid ? query.value(0).toLongLong() : 0);
    }
    if (query.lastError().isValid()) {
        m_error = tr("cannot read the features table: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

} // namespace bfs::app
