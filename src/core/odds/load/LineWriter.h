#pragma once

#include "odds/load/LineStage.h"
#include "storage/SqliteHandle.h"
#include "storage/WalCheckpointer.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace bfs {

// The single writer of betting_lines and loaded_files. Owns its own SQLite connection
// (the raw C API) and takes the rows as staged batches (LineStage): small database
// images whose betting_lines table has the workspace table's exact layout. A batch is
// attached as schema `stage` and copied with one INSERT … SELECT *, and its files are
// recorded in loaded_files by the same transaction: a crash loses whole files, never half
// of one, and never marks a file loaded whose rows are not stored. The SQL is portable;
// attaching an in-memory image is SQLite's own (a PostgreSQL writer would COPY the rows).
//
// Rows already present are skipped by the unique key (ON CONFLICT DO NOTHING). Bulk mode
// (a load that is large against what the table holds): the key index is dropped, so
// SQLite's transfer optimisation copies each staged record without decoding it, and
// finish() rebuilds the key in one sort — duplicates of rows already present (a changed
// file loaded again) are deleted first, keeping the older row as ON CONFLICT DO NOTHING
// would. Rows committed before finish() are stored without the key: a load killed then
// leaves the table unindexed, and the next open() rebuilds the key the same way before
// anything else.
//
// The WAL is copied into the database file by a WalCheckpointer, off this thread: in
// bulk mode finish() has it copy the rows' pages while the key is being built.
// Use from one thread only.
class LineWriter {
public:
    LineWriter() = default;
    ~LineWriter();
    LineWriter(const LineWriter&) = delete;
    LineWriter& operator=(const LineWriter&) = delete;

    bool open(const QString& databasePath, QString& error);
    // Before the first begin(): use bulk mode when the table allows it (the key is a
    // droppable index, not a table constraint). Returns whether bulk mode is on.
    bool enableBulk();
    bool isBulk() const { return m_bulk; }
    qint64 rowsBefore() const { return m_rowsBefore; } // betting_lines rows at the first begin()

    bool begin(QString& error);
    // Stores a staged batch's rows and records its files in loaded_files, in the open
    // transaction. `inserted` = rows new to the table (bulk mode: rows appended).
    bool write(StagedBatch batch, qint64& inserted, QString& error);
    // Commits the open transaction. In bulk mode its rows are stored without the key:
    // finish() must follow before the load is done.
    bool commit(QString& error);
    // The last commit of a load (the open transaction, if any): in bulk mode the key is
    // rebuilt first. Returns after a checkpoint has copied the WAL into the database file
    // (all of it unless a reader still uses older pages).
    bool finish(QString& error);
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    qint64 rowCount() const; // rows in betting_lines, counted
    // Rows in betting_lines after the last commit: kept up to date without counting once
    // a transaction has begun.
    qint64 committedRows() const { return m_begun ? m_committedRows : rowCount(); }

    // The workspace's `CREATE TABLE betting_lines` statement, for the stages.
    static std::optional<std::string> tableSql(sqlite3* db, QString& error);

private:
    bool buildIndex(QString& error);
    // A bulk load killed before finish() left betting_lines without its unique key.
    bool restoreKey(QString& error);
    void detachStage();

    SqliteHandle m_db;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    StagedBatch m_staged; // attached as `stage`, read in place
    bool m_inTransaction = false;
    bool m_stageAttached = false;
    bool m_bulk = false;
    bool m_begun = false;
    qint64 m_rowsBefore = 0;
    qint64 m_rows = 0; // in the open transaction
    qint64 m_committedRows = 0;
    qint64 m_maxOldRowid = 0;
};

} // namespace bfs
