#pragma once

#include "odds/load/OddsSnapshot.h"
#include "odds/load/RawOddsFile.h"
#include "storage/SqliteHandle.h"

#include <QString>

#include <string>

namespace bfs {

// Rows of several raw files, encoded as SQLite records by a parser thread, on their way
// to the single writer (LineWriter): the stage's own in-memory database, handed over
// whole (no copy). `image` points into it and stays valid while `database` is open and
// untouched. The database holds
//   betting_lines — created from the workspace table's own CREATE statement, so the
//                   writer's INSERT … SELECT * copies records without decoding them;
//   staged_files  — path, size, mtime_ms, rows of each file in it.
struct StagedBatch {
    SqliteHandle database;
    const unsigned char* image = nullptr;
    qint64 imageSize = 0;
    qint64 files = 0;
    qint64 rows = 0;
};

// One parser thread's private in-memory database (SQLite's memdb VFS) where parsed
// snapshots become rows. Encoding rows is most of the CPU an insert costs; done here, in
// parallel on the parser threads, it leaves the writer little more than copying pages.
// Use from one thread only.
class LineStage {
public:
    // `tableSql`: the workspace's `CREATE TABLE betting_lines …` statement.
    explicit LineStage(std::string tableSql);

    // Adds one file's rows. False (with `error`) only when SQLite itself fails (out of
    // memory); the stage is then unusable.
    bool add(const RawOddsFile& file, const OddsSnapshot& snapshot, QString& error);
    qint64 rows() const { return m_rows; }
    qint64 files() const { return m_files; }
    // Hands the staged rows over; the stage starts empty again.
    bool take(StagedBatch& batch, QString& error);

private:
    bool start(QString& error);

    static constexpr int RowsPerInsert = 16; // 272 parameters per statement
    std::string m_tableSql;
    SqliteHandle m_db;
    SqliteStatement m_insert; // one row
    SqliteStatement m_insertMany; // RowsPerInsert rows
    SqliteStatement m_file;
    qint64 m_rows = 0;
    qint64 m_files = 0;
};

} // namespace bfs
