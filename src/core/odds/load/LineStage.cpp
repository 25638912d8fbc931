#include "LineStage.h"

#include <type_traits>

namespace bfs {

namespace {

constexpr int LineColumns = 17;

// Columns in the order of betting_lines' CREATE statement (010_betting_lines.sql), which
// is also the stage table's: the writer copies rows with SELECT *.
#define BFS_INSERT_LINE                                                                                                \
    "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, home_team, "                        \
    "away_team, bookmaker, player_name, player_lookup, point, over_price, under_price, "                               \
    "over_implied_prob, under_implied_prob, last_update, snapshot_time) "                                              \
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

std::string insertSql(int rows)
{
    std::string sql = BFS_INSERT_LINE;
    const std::string values = sql.substr(sql.find(" VALUES ") + 8);
    for (int i = 1; i < rows; ++i)
        sql += "," + values;
    // A stage of a workspace whose key is a table constraint has the key too: a row
    // repeating one (a bookmaker listed twice) is dropped here, as the writer would.
    return sql + " ON CONFLICT DO NOTHING";
}
#undef BFS_INSERT_LINE

const char* const FilesTableSql
    = "CREATE TABLE staged_files (path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms INTEGER, rows INTEGER NOT NULL)";
const char* const InsertFileSql = "INSERT INTO staged_files (path, size, mtime_ms, rows) VALUES (?, ?, ?, ?)";

// The bound text outlives the step (it belongs to the snapshot being added).
void bindText(sqlite3_stmt* statement, int index, std::string_view text)
{
    sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_STATIC);
}

template <typename Text> void bindText(sqlite3_stmt* statement, int index, const std::optional<Text>& text)
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

// Binds one line's 17 values at parameter offset `base` (0 for the first row).
void bindLine(sqlite3_stmt* insert, int base, const OddsSnapshot& snapshot, const BettingLine& line)
{
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
}

} // namespace

LineStage::LineStage(std::string tableSql)
    : m_tableSql(std::move(tableSql))
{
}

bool LineStage::start(QString& error)
{
    m_db = SqliteHandle::openPrivateMemory(error);
    if (!m_db)
        return false;
    auto fail = [&](const QString& reason) {
        error = QStringLiteral("cannot prepare the in-memory stage: %1").arg(reason);
        m_db = SqliteHandle();
        return false;
    };
    // Room for a whole stage from the start: memdb otherwise grows by doubling, copying
    // itself each time.
    constexpr sqlite3_int64 InitialBytes = 8 << 20;
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(InitialBytes));
    if (!buffer
        || sqlite3_deserialize(m_db.get(), "main", buffer, 0, InitialBytes,
               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
            != SQLITE_OK) // frees the buffer
        return fail(QStringLiteral("out of memory"));
    // Nothing to protect: a stage that fails is thrown away whole. Nothing is deleted
    // either, so no page needs zeroing (Debian's SQLite has secure_delete on by default).
    if (!m_db.exec("PRAGMA journal_mode=OFF", error) || !m_db.exec("PRAGMA synchronous=OFF", error)
        || !m_db.exec("PRAGMA secure_delete=OFF", error) || !m_db.exec(m_tableSql.c_str(), error)
        || !m_db.exec(FilesTableSql, error) || !m_db.exec("BEGIN", error))
        return fail(error);
    m_insert = SqliteStatement(m_db.get(), insertSql(1).c_str());
    m_insertMany = SqliteStatement(m_db.get(), insertSql(RowsPerInsert).c_str());
    m_file = SqliteStatement(m_db.get(), InsertFileSql);
    if (!m_insert || !m_insertMany || !m_file)
        return fail(m_db.lastError());
    return true;
}

bool LineStage::add(const RawOddsFile& file, const OddsSnapshot& snapshot, QString& error)
{
    if (!m_db && !start(error))
        return false;
    sqlite3* db = m_db.get();
    auto step = [&](sqlite3_stmt* statement) {
        // The bindings are left as they are: they point into the snapshot, which goes away
        // after this call, but every step binds all parameters again first.
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        if (rc != SQLITE_DONE) {
            error = QStringLiteral("cannot stage the rows of %1: %2")
                        .arg(file.relativePath, QString::fromUtf8(sqlite3_errmsg(db)));
            return false;
        }
        return true;
    };
    const auto& lines = snapshot.lines;
    std::size_t i = 0;
    for (; i + RowsPerInsert <= lines.size(); i += RowsPerInsert) {
        for (int k = 0; k < RowsPerInsert; ++k)
            bindLine(m_insertMany.get(), k * LineColumns, snapshot, lines[i + std::size_t(k)]);
        if (!step(m_insertMany.get()))
            return false;
    }
    for (; i < lines.size(); ++i) {
        bindLine(m_insert.get(), 0, snapshot, lines[i]);
        if (!step(m_insert.get()))
            return false;
    }
    sqlite3_stmt* record = m_file.get();
    const QByteArray path = file.relativePath.toUtf8();
    sqlite3_bind_text(record, 1, path.constData(), int(path.size()), SQLITE_STATIC);
    sqlite3_bind_int64(record, 2, file.size);
    sqlite3_bind_int64(record, 3, file.mtimeMs);
    sqlite3_bind_int64(record, 4, qint64(lines.size()));
    if (!step(record))
        return false;
    m_rows += qint64(lines.size());
    ++m_files;
    return true;
}

bool LineStage::take(StagedBatch& batch, QString& error)
{
    batch = StagedBatch();
    if (!m_db)
        return true; // nothing staged
    if (!m_db.exec("COMMIT", error)) {
        error = QStringLiteral("cannot close the in-memory stage: %1").arg(error);
        return false;
    }
    sqlite3_int64 size = 0;
    batch.image = sqlite3_serialize(m_db.get(), "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (!batch.image) {
        error = QStringLiteral("cannot hand over the in-memory stage (%1 rows)").arg(m_rows);
        return false;
    }
    batch.imageSize = size;
    batch.files = m_files;
    batch.rows = m_rows;
    m_insert = SqliteStatement();
    m_insertMany = SqliteStatement();
    m_file = SqliteStatement();
    batch.database = std::move(m_db); // the next add() starts a new database
    m_rows = m_files = 0;
    return true;
}

} // namespace bfs
