#include "FeatureQuery.h"

#include "storage/DbConnection.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

namespace {

const QString KeyColumns[] = { QStringLiteral("race_id"), QStringLiteral("horse_id") };

QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

DbConnection openExisting(const QString& path, QString& error)
{
    if (!QFileInfo::exists(path)) {
        error = QStringLiteral("database %1 does not exist").arg(path);
        return {};
    }
    return DbConnection::openSqlite(path, error, DbConnection::Journal::AsIs);
}

bool prepareSelect(QSqlQuery& query, const QString& sql, const QVariantList& bindings, QString& error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        error = query.lastError().text();
        return false;
    }
    for (const auto& value : bindings)
        query.addBindValue(value);
    if (!query.exec()) {
        error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

QStringList FeatureQuery::operators()
{
    return { QStringLiteral(">"), QStringLiteral(">="), QStringLiteral("<"), QStringLiteral("<="), QStringLiteral("="),
        QStringLiteral("!="), QStringLiteral("IS NULL"), QStringLiteral("IS NOT NULL") };
}

bool FeatureQuery::operatorTakesValue(const QString& op)
{
    return !op.startsWith(QStringLiteral("IS "));
}

QString FeatureQuery::quote(const QString& identifier)
{
    QString quoted = identifier;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString FeatureQuery::validate() const
{
    if (!filterColumn.isEmpty()) {
        if (!columns.contains(filterColumn))
            return QStringLiteral("the features table has no column %1").arg(filterColumn);
        if (!operators().contains(filterOperator))
            return QStringLiteral("unknown comparison %1").arg(filterOperator);
    }
    if (sortColumn >= columns.size())
        return QStringLiteral("sort column %1 is out of range").arg(sortColumn);
    return {};
}

QString FeatureQuery::where(QVariantList& bindings) const
{
    QStringList conditions;
    const QString trimmed = text.trimmed();
    if (!trimmed.isEmpty()) {
        QStringList keys;
        for (const auto& key : KeyColumns) {
            if (columns.contains(key)) {
                keys << QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(quote(key));
                bindings << likePattern(trimmed);
            }
        }
        if (!keys.isEmpty())
            conditions << u'(' + keys.join(QStringLiteral(" OR ")) + u')';
    }
    if (!filterColumn.isEmpty() && columns.contains(filterColumn) && operators().contains(filterOperator)) {
        if (operatorTakesValue(filterOperator)) {
            conditions << QStringLiteral("%1 %2 ?").arg(quote(filterColumn), filterOperator);
            bindings << filterValue;
        } else {
            conditions << QStringLiteral("%1 %2").arg(quote(filterColumn), filterOperator);
        }
    }
    return conditions.join(QStringLiteral(" AND "));
}

QString FeatureQuery::selectList() const
{
    QStringList quoted;
    quoted.reserve(columns.size());
    for (const auto& column : columns)
        quoted << quote(column);
    return quoted.join(QStringLiteral(", "));
}

QString FeatureQuery::sortColumnName() const
{
    return sortColumn >= 0 && sortColumn < columns.size() ? columns.at(sortColumn) : QString();
}

FeaturePage readFeaturePage(const QString& databasePath, const FeatureQuery& query, bool hasRowid,
    const FeaturePageCursor& cursor, int pageSize)
{
    FeaturePage page;
    auto connection = openExisting(databasePath, page.error);
    if (!connection.isOpen())
        return page;
    QVariantList bindings;
    QStringList conditions;
    if (const QString where = query.where(bindings); !where.isEmpty())
        conditions << u'(' + where + u')';

    const QString sortName = query.sortColumnName();
    const bool descending = query.sortOrder == Qt::DescendingOrder;
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString orderBy;
    if (hasRowid) {
        orderBy = sortName.isEmpty() ? QStringLiteral("rowid ASC")
                                     : QStringLiteral("%1 %2, rowid %2").arg(FeatureQuery::quote(sortName), direction);
        // Keyset continuation. SQLite sorts NULL first ascending and last descending.
        if (!cursor.first) {
            const QVariant& last = cursor.lastValue;
            if (sortName.isEmpty()) {
                conditions << QStringLiteral("rowid > ?");
                bindings << cursor.lastRowid;
            } else {
                const QString c = FeatureQuery::quote(sortName);
                if (!descending && last.isNull()) {
                    conditions << QStringLiteral("((%1 IS NULL AND rowid > ?) OR %1 IS NOT NULL)").arg(c);
                    bindings << cursor.lastRowid;
                } else if (!descending) {
                    conditions << QStringLiteral("(%1 > ? OR (%1 = ? AND rowid > ?))").arg(c);
                    bindings << last << last << cursor.lastRowid;
                } else if (last.isNull()) {
                    conditions << QStringLiteral("(%1 IS NULL AND rowid < ?)").arg(c);
                    bindings << cursor.lastRowid;
                } else {
                    conditions << QStringLiteral("(%1 < ? OR (%1 = ? AND rowid < ?) OR %1 IS NULL)").arg(c);
                    bindings << last << last << cursor.lastRowid;
                }
            }
        }
    } else if (!sortName.isEmpty()) {
        orderBy = QStringLiteral("%1 %2").arg(FeatureQuery::quote(sortName), direction);
    }

    QString sql = QStringLiteral("SELECT %1%2 FROM %3")
                      .arg(hasRowid ? QStringLiteral("rowid, ") : QString(), query.selectList(),
                          QLatin1String(FeatureQuery::Table));
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    if (!orderBy.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + orderBy;
    sql += QStringLiteral(" LIMIT %1").arg(pageSize);
    if (!hasRowid)
        sql += QStringLiteral(" OFFSET %1").arg(cursor.offset);

    QSqlQuery select(connection.db());
    if (!prepareSelect(select, sql, bindings, page.error)) {
        page.error = QStringLiteral("cannot read the features table: %1").arg(page.error);
        return page;
    }
    const int offset = hasRowid ? 1 : 0;
    const auto columns = query.columns.size();
    page.rows.reserve(pageSize);
    while (select.next()) {
        QList<QVariant> row;
        row.reserve(columns);
        for (qsizetype column = 0; column < columns; ++column)
            row.append(select.value(int(column) + offset));
        page.rows.append(std::move(row));
        page.rowids.append(hasRowid ? select.value(0).toLongLong() : 0);
    }
    if (select.lastError().isValid())
        page.error = QStringLiteral("cannot read the features table: %1").arg(select.lastError().text());
    return page;
}

QStringList featureColumns(const DbConnection& connection, QString& error)
{
    QSqlQuery query(connection.db());
    QStringList columns;
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(QLatin1String(FeatureQuery::Table)))) {
        error = query.lastError().text();
        return {};
    }
    while (query.next())
        columns << query.value(1).toString();
    if (columns.isEmpty())
        error = QStringLiteral("the database has no features table yet: run feature generation first");
    return columns;
}

ColumnStats computeColumnStats(const QString& databasePath, const FeatureQuery& query, const QString& column)
{
    ColumnStats stats;
    stats.column = column;
    auto connection = openExisting(databasePath, stats.error);
    if (!connection.isOpen())
        return stats;
    if (!query.columns.contains(column)) {
        stats.error = QStringLiteral("the features table has no column %1").arg(column);
        return stats;
    }
    QVariantList bindings;
    const QString where = query.where(bindings);
    const QString quoted = FeatureQuery::quote(column);
    // AVG over a key column would average text-as-number nonsense: only numeric
    // values take part in the mean.
    const QString sql = QStringLiteral("SELECT COUNT(*), COUNT(%1), MIN(%1), MAX(%1), "
                                       "AVG(CASE WHEN typeof(%1) IN ('integer','real') THEN %1 END), "
                                       "SUM(CASE WHEN typeof(%1) IN ('integer','real') THEN 1 ELSE 0 END) "
                                       "FROM %2%3")
                            .arg(quoted, QLatin1String(FeatureQuery::Table),
                                where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    QSqlQuery select(connection.db());
    if (!prepareSelect(select, sql, bindings, stats.error))
        return stats;
    if (select.next()) {
        stats.rows = select.value(0).toLongLong();
        stats.values = select.value(1).toLongLong();
        stats.min = select.value(2);
        stats.max = select.value(3);
        if (select.value(5).toLongLong() > 0)
            stats.mean = select.value(4);
    }
    return stats;
}

qint64 countFeatureRows(const QString& databasePath, const FeatureQuery& query, QString& error)
{
    auto connection = openExisting(databasePath, error);
    if (!connection.isOpen())
        return -1;
    QVariantList bindings;
    const QString where = query.where(bindings);
    QSqlQuery select(connection.db());
    const QString sql
        = QStringLiteral("SELECT COUNT(*) FROM %1%2")
              .arg(QLatin1String(FeatureQuery::Table), where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (!prepareSelect(select, sql, bindings, error) || !select.next())
        return -1;
    return select.value(0).toLongLong();
}

QString csvField(const QVariant& value)
{
    if (value.isNull())
        return {};
    QString text;
    if (value.typeId() == QMetaType::Double)
        text = QString::number(value.toDouble(), 'g', 15);
    else
        text = value.toString();
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + QString(text).replace(u'"', QStringLiteral("\"\"")) + u'"';
    return text;
}

CsvExportResult exportFeaturesCsv(const QString& databasePath, const FeatureQuery& query, const QString& csvPath,
    const std::atomic<bool>& cancel, std::atomic<qint64>& written)
{
    CsvExportResult result;
    if (const QString problem = query.validate(); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }
    auto connection = openExisting(databasePath, result.error);
    if (!connection.isOpen())
        return result;
    QVariantList bindings;
    const QString where = query.where(bindings);
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(query.selectList(), QLatin1String(FeatureQuery::Table));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    if (!query.sortColumnName().isEmpty())
        sql += QStringLiteral(" ORDER BY %1 %2")
                   .arg(FeatureQuery::quote(query.sortColumnName()),
                       query.sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC"));

    QSaveFile file(csvPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        result.error = QStringLiteral("cannot write %1: %2").arg(csvPath, file.errorString());
        return result;
    }
    QSqlQuery select(connection.db());
    if (!prepareSelect(select, sql, bindings, result.error)) {
        file.cancelWriting();
        return result;
    }
    QStringList header;
    for (const auto& column : query.columns)
        header << csvField(column);
    file.write(header.join(u',').toUtf8() + '\n');
    const auto columnCount = query.columns.size();
    QByteArray buffer;
    while (select.next()) {
        QString line;
        for (qsizetype column = 0; column < columnCount; ++column) {
            if (column)
                line += u',';
            line += csvField(select.value(int(column)));
        }
        buffer += line.toUtf8() + '\n';
        ++result.rows;
        if (result.rows % 2000 == 0) {
            file.write(buffer);
            buffer.clear();
            written = result.rows;
            if (cancel) {
                result.cancelled = true;
                file.cancelWriting();
                return result;
            }
        }
    }
    if (select.lastError().isValid()) {
        result.error = select.lastError().text();
        file.cancelWriting();
        return result;
    }
    file.write(buffer);
    written = result.rows;
    if (!file.commit())
        result.error = QStringLiteral("cannot write %1: %2").arg(csvPath, file.errorString());
    return result;
}

} // namespace bfs
