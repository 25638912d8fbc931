#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>

namespace bfs {

class DbConnection;

// What the explorer asks of the `features` table: a text filter on the keys, one
// numeric condition, a sort column. Builds SQL with bound values; column names are
// only ever taken from the table's own column list, so nothing typed by the user is
// spliced into the statement.
struct FeatureQuery {
    static constexpr auto Table = "features";

    QStringList columns; // the table's columns in order (PRAGMA table_info)
    QString text; // substring of race_id or horse_id; empty = all
    QString filterColumn; // empty = no numeric condition
    QString filterOperator; // one of operators()
    double filterValue = 0;
    int sortColumn = -1; // -1 = storage order
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    static QStringList operators();
    static bool operatorTakesValue(const QString& op);
    static QString quote(const QString& identifier);

    // Empty when every name and operator is known; otherwise what is wrong.
    QString validate() const;
    // The condition without "WHERE" (empty: no condition); appends its bound values.
    QString where(QVariantList& bindings) const;
    QString selectList() const; // quoted column list
    QString sortColumnName() const;
};

// Where the next page starts: after the last row seen (keyset on the sort value and
// rowid) or, for a table without rowid, at an offset.
struct FeaturePageCursor {
    bool first = true;
    QVariant lastValue; // sort column value of the last row (unused without a sort)
    qint64 lastRowid = 0;
    qint64 offset = 0; // tables without rowid only
};

struct FeaturePage {
    QList<QList<QVariant>> rows;
    QList<qint64> rowids;
    QString error;
};

// Reads up to `pageSize` rows of `query` from `cursor` on its own connection; any thread.
FeaturePage readFeaturePage(const QString& databasePath, const FeatureQuery& query, bool hasRowid,
    const FeaturePageCursor& cursor, int pageSize);

// Reads the column names of `features`; empty with `error` set when the table is missing.
QStringList featureColumns(const DbConnection& connection, QString& error);

// Summary of one column under the current filter, computed by SQL.
struct ColumnStats {
    QString column;
    qint64 rows = 0; // rows matching the filter
    qint64 values = 0; // non-NULL values among them
    QVariant min;
    QVariant max;
    QVariant mean; // NULL for a text column
    QString error;
};

// These open their own connection, so they run on any thread (QtConcurrent).
ColumnStats computeColumnStats(const QString& databasePath, const FeatureQuery& query, const QString& column);
qint64 countFeatureRows(const QString& databasePath, const FeatureQuery& query, QString& error);

struct CsvExportResult {
    qint64 rows = 0;
    bool cancelled = false;
    QString error;
};
// Streams the filtered, sorted rows into `csvPath` through a QSaveFile, so a failed or
// cancelled export leaves no partial file. `written` is updated as rows go out.
CsvExportResult exportFeaturesCsv(const QString& databasePath, const FeatureQuery& query, const QString& csvPath,
    const std::atomic<bool>& cancel, std::atomic<qint64>& written);

// One CSV field: quoted when it holds a separator, quote or line break.
QString csvField(const QVariant& value);

} // namespace bfs
