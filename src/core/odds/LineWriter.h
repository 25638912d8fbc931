#pragma once

#include "OddsSnapshot.h"
#include "RawOddsFile.h"
#include "storage/SqliteHandle.h"

#include <QString>

namespace bfs {

// The single writer of betting_lines and loaded_files. Owns its own SQLite connection
// (the raw C API: binding 17 columns through QVariant would cost more than SQLite's own
// insert) and one prepared INSERT … ON CONFLICT DO NOTHING, so rows already present
// are skipped by the unique key. A file's rows and its loaded_files entry are always
// in the same transaction: a crash loses whole files, never half of one, and never
// marks a file loaded whose rows are not stored. The SQL itself is portable.
//
// Bulk mode (a load that is large against what the table holds, one transaction): the
// two indexes are dropped, rows are appended with a plain INSERT, and at commit the
// unique key is rebuilt in one sort — duplicates of rows already present (a changed
// file loaded again) are deleted first, keeping the older row as ON CONFLICT DO NOTHING
// would — and the match index after it. A killed bulk load rolls back whole.
// Use from one thread only.
class LineWriter {
public:
    bool open(const QString& databasePath, QString& error);
    // Before the first begin(): use bulk mode when the table allows it (the key is a
    // droppable index, not a table constraint). Returns whether bulk mode is on.
    bool enableBulk();
    bool isBulk() const { return m_bulk; }
    qint64 rowsBefore() const { return m_rowsBefore; } // betting_lines rows at the first begin()

    bool begin(QString& error);
    // Inserts the file's rows and records the file in loaded_files, in the open
    // transaction. `inserted` = rows new to the table.
    bool write(const RawOddsFile& file, const OddsSnapshot& snapshot, qint64& inserted, QString& error);
    bool commit(QString& error);
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    qint64 rowCount() const; // rows in betting_lines

private:
    SqliteHandle m_db;
    bool buildIndexes(QString& error);

    static constexpr int RowsPerInsert = 16; // 272 parameters per bulk statement
    SqliteStatement m_insert;
    SqliteStatement m_insertMany;
    SqliteStatement m_record;
    bool m_inTransaction = false;
    bool m_bulk = false;
    bool m_begun = false;
    qint64 m_rowsBefore = 0;
    qint64 m_maxOldRowid = 0;
};

} // namespace bfs
