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
// Use from one thread only.
class LineWriter {
public:
    bool open(const QString& databasePath, QString& error);

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
    SqliteStatement m_insert;
    SqliteStatement m_record;
    bool m_inTransaction = false;
};

} // namespace bfs
