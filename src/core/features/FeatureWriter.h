#pragma once

#include "features/FeatureRow.h"
#include "features/RaceData.h"
#include "storage/SqliteHandle.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace bfs {

// The single writer of the `features` table. A run is one transaction: a killed run
// leaves the table as it was; a cancelled run commits the races it finished (each race
// whole: its old rows replaced by its new ones) and keeps the old rows of the others.
// Rows of races the run does not compute are never deleted.
//
// Bulk mode (the table is empty or the run rewrites a large part of it): the unique
// key index is dropped, new rows are appended, the replaced races' old rows are
// deleted at the end (by rowid: old rows are those that existed before the run) and
// the index is rebuilt in one sort — several times faster than maintaining a B-tree
// index row by row. Incremental mode (a small run on a big table) deletes and inserts
// race by race through the index.
class FeatureWriter {
public:
    static const QStringList& columnNames(); // the table's columns, in order

    // Opens (creating) the database and the table; refuses an existing `features`
    // table that lacks a column, naming it.
    static std::unique_ptr<FeatureWriter> open(const QString& path, QString& error);
    ~FeatureWriter();

    // Starts the run's transaction. `expectedRows` decides bulk or incremental mode.
    bool begin(int64_t expectedRows, QString& error);
    // Writes the rows of consecutive races (all rows of each race present).
    bool write(const RaceData& data, const std::vector<FeatureRow>& rows, QString& error);
    // Replaces the finished races' old rows, rebuilds the index, commits.
    bool commit(QString& error);
    void rollback();

    int64_t rowsWritten() const { return m_rowsWritten; }
    double seconds() const { return double(m_nanos) / 1e9; }

private:
    static constexpr int ColumnCount = 28;
    static constexpr int RowsPerInsert = 16; // 448 parameters per statement
    FeatureWriter() = default;
    static void bindRow(sqlite3_stmt* insert, int offset, const RaceData& data, const FeatureRow& row);

    SqliteHandle m_db;
    SqliteStatement m_delete;
    SqliteStatement m_insert;
    SqliteStatement m_insertMany;
    SqliteStatement m_markWritten;
    bool m_inTransaction = false;
    bool m_bulk = false;
    int64_t m_existingRows = 0;
    int64_t m_maxOldRowid = 0;
    int64_t m_rowsWritten = 0;
    int64_t m_nanos = 0;
};

} // namespace bfs
