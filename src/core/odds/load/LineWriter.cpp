#include "LineWriter.h"

#include <QDateTime>

namespace bfs {

namespace {

const char* const KeyIndexSql = "CREATE UNIQUE INDEX IF NOT EXISTS betting_lines_key ON betting_lines "
                                "(event_id, bookmaker, market, player_lookup, point, snapshot_time)";

// Bulk mode: betting_lines has no index, so SQLite copies the staged records as they are
// (its "transfer optimisation": same columns, types and constraints, SELECT * of one table).
const char* const AppendSql = "INSERT INTO main.betting_lines SELECT * FROM stage.betting_lines";
const char* const MergeSql = "INSERT INTO main.betting_lines SELECT * FROM stage.betting_lines WHERE true "
                             "ON CONFLICT DO NOTHING";
const char* const RecordSql = "INSERT INTO main.loaded_files (path, size, rows, loaded_at, mtime_ms) "
                              "SELECT path, size, rows, ?, mtime_ms FROM stage.staged_files WHERE true "
                              "ON CONFLICT (path) DO UPDATE SET size = excluded.size, rows = excluded.rows, "
                              "loaded_at = excluded.loaded_at, mtime_ms = excluded.mtime_ms";

// WAL pages after which a commit has the checkpointer copy them into the database file
// (SQLite's own automatic checkpoint, on the writer's thread, starts at 1,000).
constexpr int CheckpointPages = 1000;

int onWalCommit(void* checkpointer, sqlite3*, const char*, int pages)
{
    if (pages >= CheckpointPages)
        static_cast<WalCheckpointer*>(checkpointer)->request();
    return SQLITE_OK;
}

qint64 scalar(sqlite3* db, const char* sql)
{
    SqliteStatement statement(db, sql);
    return statement && sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : -1;
}

} // namespace

std::optional<std::string> LineWriter::tableSql(sqlite3* db, QString& error)
{
    SqliteStatement select(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'betting_lines'");
    if (!select || sqlite3_step(select.get()) != SQLITE_ROW) {
        error = QStringLiteral("the workspace database has no betting_lines table");
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0)));
}

bool LineWriter::open(const QString& databasePath, QString& error)
{
    m_db = SqliteHandle::open(databasePath, SqliteHandle::Mode::ReadWriteCreate, error);
    if (!m_db)
        return false;
    // WAL: readers (the GUI, status) go on while the load writes. NORMAL sync in WAL
    // keeps every commit atomic and durable against a process crash. A large page cache
    // keeps the unique index's pages in memory during a season-sized load. No zeroing of
    // each new page (Debian's SQLite has secure_delete on): betting lines are not secret.
    for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-131072",
             "PRAGMA temp_store=MEMORY", "PRAGMA secure_delete=OFF" }) {
        if (!m_db.exec(pragma, error)) {
            error = QStringLiteral("database %1 is not usable: %2").arg(databasePath, error);
            return false;
        }
    }
    if (!tableSql(m_db.get(), error)
        || scalar(m_db.get(), "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'loaded_files'")
            != 1) {
        error = QStringLiteral("database %1 has no betting_lines / loaded_files tables").arg(databasePath);
        return false;
    }
    // Replaces SQLite's automatic checkpoint on this connection.
    m_checkpointer = std::make_unique<WalCheckpointer>(databasePath);
    sqlite3_wal_hook(m_db.get(), onWalCommit, m_checkpointer.get());
    if (!restoreKey(error)) {
        error
            = QStringLiteral("cannot rebuild the unique key of betting_lines after an interrupted load: %1").arg(error);
        return false;
    }
    return true;
}

bool LineWriter::restoreKey(QString& error)
{
    if (scalar(m_db.get(), "SELECT count(*) FROM pragma_index_list('betting_lines') WHERE \"unique\"") != 0)
        return true;
    if (!m_db.exec("BEGIN IMMEDIATE", error))
        return false;
    m_inTransaction = true;
    m_maxOldRowid = 0; // every row is a candidate repeat
    if (!buildIndex(error) || !m_db.exec("COMMIT", error)) {
        rollback();
        return false;
    }
    m_inTransaction = false;
    return true;
}

bool LineWriter::enableBulk()
{
    if (m_begun)
        return m_bulk;
    // A workspace made before the key became a named index has it as a table
    // constraint, which cannot be dropped: such a table is loaded row by row.
    m_bulk = scalar(m_db.get(), "SELECT count(*) FROM pragma_index_list('betting_lines') WHERE origin IN ('pk', 'u')")
        == 0;
    return m_bulk;
}

bool LineWriter::begin(QString& error)
{
    if (!m_db.exec("BEGIN IMMEDIATE", error))
        return false;
    m_inTransaction = true;
    if (!m_begun) {
        m_begun = true;
        m_rowsBefore = m_rows = m_committedRows = rowCount();
        m_maxOldRowid = scalar(m_db.get(), "SELECT coalesce(max(rowid), 0) FROM betting_lines");
        if (m_bulk && !m_db.exec("DROP INDEX IF EXISTS betting_lines_key", error))
            return false;
    }
    return true;
}

LineWriter::~LineWriter()
{
    m_db = SqliteHandle(); // closed before the staged batch it may still read
    m_checkpointer.reset(); // and before the hook's target
}

bool LineWriter::write(StagedBatch batch, qint64& inserted, QString& error)
{
    inserted = 0;
    sqlite3* db = m_db.get();
    auto failed = [&](const QString& what) {
        error = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    };
    // Attached inside the transaction only: BEGIN IMMEDIATE would try to write-lock a
    // read-only attached image.
    if (!m_stageAttached) {
        if (sqlite3_exec(db, "ATTACH ':memory:' AS stage", nullptr, nullptr, nullptr) != SQLITE_OK)
            return failed(QStringLiteral("cannot attach the staged rows"));
        m_stageAttached = true;
    }
    // Read in place: the batch (its database) stays alive until the stage is replaced or
    // detached.
    if (sqlite3_deserialize(db, "stage", const_cast<unsigned char*>(batch.image), batch.imageSize, batch.imageSize,
            SQLITE_DESERIALIZE_READONLY)
        != SQLITE_OK)
        return failed(QStringLiteral("cannot open %1 staged rows").arg(batch.rows));
    m_staged = std::move(batch);
    if (sqlite3_exec(db, m_bulk ? AppendSql : MergeSql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return failed(QStringLiteral("cannot insert into betting_lines"));
    inserted = sqlite3_changes64(db);
    m_rows += inserted;

    SqliteStatement record(db, RecordSql);
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    if (!record)
        return failed(QStringLiteral("cannot record loaded files"));
    sqlite3_bind_text(record.get(), 1, now.constData(), int(now.size()), SQLITE_STATIC);
    if (sqlite3_step(record.get()) != SQLITE_DONE)
        return failed(QStringLiteral("cannot record %1 files in loaded_files").arg(m_staged.files));
    return true;
}

bool LineWriter::buildIndex(QString& error)
{
    if (m_db.exec(KeyIndexSql, error))
        return true;
    // Rows this load appended that repeat a key (a changed file loaded again): keep the
    // oldest row of each key, as ON CONFLICT DO NOTHING would have.
    const std::string dedupe = "DELETE FROM betting_lines WHERE rowid > " + std::to_string(m_maxOldRowid)
        + " AND rowid NOT IN (SELECT min(rowid) FROM betting_lines GROUP BY event_id, bookmaker, market, "
          "player_lookup, point, snapshot_time)";
    if (!m_db.exec(dedupe.c_str(), error))
        return false;
    m_rows -= sqlite3_changes64(m_db.get());
    return m_db.exec(KeyIndexSql, error);
}

void LineWriter::detachStage()
{
    if (m_stageAttached && sqlite3_exec(m_db.get(), "DETACH stage", nullptr, nullptr, nullptr) == SQLITE_OK) {
        m_stageAttached = false;
        m_staged = StagedBatch();
    }
}

bool LineWriter::finish(QString& error)
{
    if (!m_checkpointer)
        return true; // never opened
    if (m_bulk && m_begun) {
        // The rows committed so far are copied into the database file while the key is built.
        m_checkpointer->request();
        if (!m_inTransaction && !begin(error))
            return false;
        if (!buildIndex(error)) {
            rollback();
            return false;
        }
    }
    if (!commit(error))
        return false;
    m_checkpointer->request();
    m_checkpointer->waitIdle();
    return true;
}

bool LineWriter::commit(QString& error)
{
    if (!m_inTransaction)
        return true;
    if (!m_db.exec("COMMIT", error)) {
        rollback();
        return false;
    }
    m_inTransaction = false;
    m_committedRows = m_rows;
    detachStage();
    return true;
}

void LineWriter::rollback()
{
    if (!m_inTransaction)
        return;
    QString ignored;
    m_db.exec("ROLLBACK", ignored);
    m_inTransaction = false;
    m_rows = m_committedRows;
    detachStage();
}

qint64 LineWriter::rowCount() const
{
    SqliteStatement count(m_db.get(), "SELECT COUNT(*) FROM betting_lines");
    if (!count || sqlite3_step(count.get()) != SQLITE_ROW)
        return -1;
    return sqlite3_column_int64(count.get(), 0);
}

} // namespace bfs
