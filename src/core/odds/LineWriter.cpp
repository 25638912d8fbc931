#include "LineWriter.h"

#include <QDateTime>

namespace bfs {

namespace {

#define BFS_INSERT_LINE                                                                                      \
    "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, home_team, "             \
    "away_team, bookmaker, player_name, player_lookup, point, over_price, under_price, "                    \
    "over_implied_prob, under_implied_prob, last_update, snapshot_time) "                                   \
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
const char* const InsertSql = BFS_INSERT_LINE " ON CONFLICT DO NOTHING";
const char* const BulkInsertSql = BFS_INSERT_LINE; // no index to conflict with until commit
#undef BFS_INSERT_LINE
constexpr int LineColumns = 17;

// The bulk INSERT with `rows` rows of values.
std::string bulkInsertSql(int rows)
{
    std::string sql = BulkInsertSql;
    const std::string values = sql.substr(sql.find(" VALUES ") + 8);
    for (int i = 1; i < rows; ++i)
        sql += "," + values;
    return sql;
}

const char* const KeyIndexSql = "CREATE UNIQUE INDEX IF NOT EXISTS betting_lines_key ON betting_lines "
                                "(event_id, bookmaker, market, player_lookup, point, snapshot_time)";
const char* const MatchIndexSql
    = "CREATE INDEX IF NOT EXISTS betting_lines_match ON betting_lines (market, game_date, player_lookup)";

qint64 scalar(sqlite3* db, const char* sql)
{
    SqliteStatement statement(db, sql);
    return statement && sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : -1;
}

const char* const RecordSql = "INSERT INTO loaded_files (path, size, rows, loaded_at, mtime_ms) VALUES (?, ?, ?, ?, ?) "
                              "ON CONFLICT (path) DO UPDATE SET size = excluded.size, rows = excluded.rows, "
                              "loaded_at = excluded.loaded_at, mtime_ms = excluded.mtime_ms";

// The bound text outlives the step (it belongs to the snapshot being written).
void bindText(sqlite3_stmt* statement, int index, const std::string& text)
{
    sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_STATIC);
}

void bindText(sqlite3_stmt* statement, int index, const std::optional<std::string>& text)
{
    if (text)
        bindText(statement, index, *text);
    else
        sqlite3_bind_null(statement, index);
}

template <typename T> void bindNumber(sqlite3_stmt* statement, int index, const std::optional<T>& value)
{
    if (!value)
        sqlite3_bind_null(statement, index);
    else if constexpr (std::is_integral_v<T>)
        sqlite3_bind_int64(statement, index, *value);
    else
        sqlite3_bind_double(statement, index, *value);
}

} // namespace

bool LineWriter::open(const QString& databasePath, QString& error)
{
    m_db = SqliteHandle::open(databasePath, SqliteHandle::Mode::ReadWriteCreate, error);
    if (!m_db)
        return false;
    // WAL: readers (the GUI, status) go on while the load writes. NORMAL sync in WAL
    // keeps every commit atomic and durable against a process crash. A large page cache
    // keeps the unique index's pages in memory during a season-sized load.
    for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-131072",
             "PRAGMA temp_store=MEMORY" }) {
        if (!m_db.exec(pragma, error)) {
            error = QStringLiteral("database %1 is not usable: %2").arg(databasePath, error);
            return false;
        }
    }
    m_insert = SqliteStatement(m_db.get(), InsertSql);
    m_record = SqliteStatement(m_db.get(), RecordSql);
    if (!m_insert || !m_record) {
        error = QStringLiteral("database %1 has no usable betting_lines / loaded_files tables: %2")
                    .arg(databasePath, m_db.lastError());
        return false;
    }
    return true;
}

bool LineWriter::enableBulk()
{
    if (m_begun)
        return m_bulk;
    // A workspace made before the key became a named index has it as a table
    // constraint, which cannot be dropped: such a table is loaded row by row.
    m_bulk = scalar(m_db.get(), "SELECT count(*) FROM pragma_index_list('betting_lines') WHERE origin IN ('pk', 'u')") == 0;
    return m_bulk;
}

bool LineWriter::begin(QString& error)
{
    if (!m_db.exec("BEGIN IMMEDIATE", error))
        return false;
    m_inTransaction = true;
    if (!m_begun) {
        m_begun = true;
        m_rowsBefore = rowCount();
        m_maxOldRowid = scalar(m_db.get(), "SELECT coalesce(max(rowid), 0) FROM betting_lines");
        if (m_bulk) {
            if (!m_db.exec("DROP INDEX IF EXISTS betting_lines_key; DROP INDEX IF EXISTS betting_lines_match", error))
                return false;
            m_insert = SqliteStatement(m_db.get(), BulkInsertSql);
            m_insertMany = SqliteStatement(m_db.get(), bulkInsertSql(RowsPerInsert).c_str());
            if (!m_insert || !m_insertMany) {
                error = m_db.lastError();
                return false;
            }
        }
    }
    return true;
}

bool LineWriter::buildIndexes(QString& error)
{
    if (!m_db.exec(KeyIndexSql, error)) {
        // Rows this load appended that repeat a key (a changed file loaded again): keep
        // the oldest row of each key, as ON CONFLICT DO NOTHING would have.
        const std::string dedupe = "DELETE FROM betting_lines WHERE rowid > " + std::to_string(m_maxOldRowid)
            + " AND rowid NOT IN (SELECT min(rowid) FROM betting_lines GROUP BY event_id, bookmaker, market, "
              "player_lookup, point, snapshot_time)";
        if (!m_db.exec(dedupe.c_str(), error) || !m_db.exec(KeyIndexSql, error))
            return false;
    }
    return m_db.exec(MatchIndexSql, error);
}

bool LineWriter::commit(QString& error)
{
    if (!m_inTransaction)
        return true;
    if (m_bulk && !buildIndexes(error)) {
        rollback();
        return false;
    }
    if (!m_db.exec("COMMIT", error)) {
        rollback();
        return false;
    }
    m_inTransaction = false;
    return true;
}

void LineWriter::rollback()
{
    if (!m_inTransaction)
        return;
    QString ignored;
    m_db.exec("ROLLBACK", ignored);
    m_inTransaction = false;
}

bool LineWriter::write(const RawOddsFile& file, const OddsSnapshot& snapshot, qint64& inserted, QString& error)
{
    inserted = 0;
    sqlite3* db = m_db.get();
    // Binds one line's 17 values at parameter offset `base` (0 for the first row).
    auto bindLine = [&snapshot](sqlite3_stmt* insert, int base, const BettingLine& line) {
        bindText(insert, base + 1, snapshot.sport);
        bindText(insert, base + 2, line.market);
        bindText(insert, base + 3, snapshot.gameDate);
        bindText(insert, base + 4, snapshot.eventId);
        bindText(insert, base + 5, snapshot.commenceTime);
        bindText(insert, base + 6, snapshot.homeTeam);
        bindText(insert, base + 7, snapshot.awayTeam);
        bindText(insert, base + 8, line.bookmaker);
        bindText(insert, base + 9, line.playerName);
        bindText(insert, base + 10, line.playerLookup);
        sqlite3_bind_double(insert, base + 11, line.point);
        bindNumber(insert, base + 12, line.overPrice);
        bindNumber(insert, base + 13, line.underPrice);
        bindNumber(insert, base + 14, line.overImpliedProb);
        bindNumber(insert, base + 15, line.underImpliedProb);
        bindText(insert, base + 16, line.lastUpdate);
        bindText(insert, base + 17, snapshot.snapshotTime);
    };
    auto step = [&](sqlite3_stmt* insert) {
        const int rc = sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_clear_bindings(insert); // the snapshot's memory goes away after this call
        if (rc != SQLITE_DONE) {
            error = QStringLiteral("cannot insert into betting_lines: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
            return false;
        }
        inserted += sqlite3_changes(db);
        return true;
    };
    const auto& lines = snapshot.lines;
    std::size_t i = 0;
    // Bulk mode: RowsPerInsert rows per statement, one VDBE run for all of them.
    if (m_bulk) {
        for (; i + RowsPerInsert <= lines.size(); i += RowsPerInsert) {
            for (int k = 0; k < RowsPerInsert; ++k)
                bindLine(m_insertMany.get(), k * LineColumns, lines[i + std::size_t(k)]);
            if (!step(m_insertMany.get()))
                return false;
        }
    }
    for (; i < lines.size(); ++i) {
        bindLine(m_insert.get(), 0, lines[i]);
        if (!step(m_insert.get()))
            return false;
    }

    sqlite3_stmt* record = m_record.get();
    const QByteArray path = file.relativePath.toUtf8();
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    sqlite3_bind_text(record, 1, path.constData(), int(path.size()), SQLITE_STATIC);
    sqlite3_bind_int64(record, 2, file.size);
    sqlite3_bind_int64(record, 3, qint64(snapshot.lines.size()));
    sqlite3_bind_text(record, 4, now.constData(), int(now.size()), SQLITE_STATIC);
    sqlite3_bind_int64(record, 5, file.mtimeMs);
    const int rc = sqlite3_step(record);
    sqlite3_reset(record);
    sqlite3_clear_bindings(record);
    if (rc != SQLITE_DONE) {
        error = QStringLiteral("cannot record %1 in loaded_files: %2")
                    .arg(file.relativePath, QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    }
    return true;
}

qint64 LineWriter::rowCount() const
{
    SqliteStatement count(m_db.get(), "SELECT COUNT(*) FROM betting_lines");
    if (!count || sqlite3_step(count.get()) != SQLITE_ROW)
        return -1;
    return sqlite3_column_int64(count.get(), 0);
}

} // namespace bfs
