#include "FeatureTableModel.h"

#include "FutureSupport.h"
#include "storage/DbConnection.h"

#include <QBrush>
#include <QFileInfo>
#include <QPalette>
#include <QSqlQuery>
#include <QtConcurrent>

namespace bfs::app {

FeatureTableModel::FeatureTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    // One reader: pages arrive in the order they were asked for.
    m_reader.setMaxThreadCount(1);
}

FeatureTableModel::~FeatureTableModel()
{
    m_pages.invalidate();
    m_reader.waitForDone();
}

bool FeatureTableModel::open(const QString& databasePath, QString& error)
{
    close();
    m_path = databasePath;
    if (!QFileInfo::exists(databasePath)) {
        error = tr("database %1 does not exist").arg(databasePath);
        return false;
    }
    QStringList columns;
    {
        // Two tiny reads (column list, rowid probe) on a short-lived connection.
        auto connection = DbConnection::openSqlite(databasePath, error, DbConnection::Journal::AsIs);
        if (!connection.isOpen())
            return false;
        columns = featureColumns(connection, error);
        if (columns.isEmpty())
            return false;
        QSqlQuery probe(connection.db());
        m_hasRowid = probe.exec(QStringLiteral("SELECT rowid FROM %1 LIMIT 1").arg(QLatin1String(FeatureQuery::Table)));
    }
    beginResetModel();
    m_query.columns = columns;
    if (!m_query.validate().isEmpty()) { // a filter or sort on a column this table lacks
        m_query.filterColumn.clear();
        m_query.sortColumn = -1;
    }
    endResetModel();
    reload();
    return true;
}

void FeatureTableModel::close()
{
    m_pages.invalidate();
    beginResetModel();
    m_rows.clear();
    m_rowids.clear();
    m_atEnd = true;
    m_fetching = false;
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
    m_pages.invalidate(); // pages of the previous query are dropped when they arrive
    beginResetModel();
    m_rows.clear();
    m_rowids.clear();
    m_fetching = false;
    m_atEnd = !isOpen();
    endResetModel();
    fetchMore({});
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
    return !parent.isValid() && !m_atEnd && !m_fetching && isOpen();
}

void FeatureTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    FeaturePageCursor cursor;
    cursor.first = m_rows.isEmpty();
    cursor.offset = m_rows.size();
    if (!m_rows.isEmpty()) {
        cursor.lastRowid = m_rowids.constLast();
        if (m_query.sortColumn >= 0)
            cursor.lastValue = m_rows.constLast().at(m_query.sortColumn);
    }
    const QString path = m_path;
    const FeatureQuery query = m_query;
    const bool hasRowid = m_hasRowid;
    m_pages.start(this,
        QtConcurrent::run(&m_reader,
            [path, query, hasRowid, cursor] { return readFeaturePage(path, query, hasRowid, cursor, PageSize); }),
        [this](const FeaturePage& page) { onPage(page); });
}

void FeatureTableModel::onPage(const FeaturePage& page)
{
    if (!page.error.isEmpty()) {
        m_fetching = false;
        m_atEnd = true;
        m_error = page.error;
        Q_EMIT errorOccurred(m_error);
        return;
    }
    if (page.rows.size() < PageSize)
        m_atEnd = true;
    if (!page.rows.isEmpty()) {
        // Still "fetching" while the insert is announced: a listener asking for more
        // now would start from a cursor that does not include these rows yet.
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page.rows.size()) - 1);
        m_rows.append(page.rows);
        m_rowids.append(page.rowids);
        endInsertRows();
    }
    m_fetching = false;
    Q_EMIT pageLoaded(int(page.rows.size()));
}

} // namespace bfs::app
