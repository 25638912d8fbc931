#include "FeatureWriter.h"

#include <QElapsedTimer>

namespace bfs {

namespace {

// Bulk mode when the run writes at least this fraction of the table's current size.
constexpr double BulkFraction = 0.2;
constexpr const char* KeyIndex = "CREATE UNIQUE INDEX IF NOT EXISTS features_key ON features (race_id, horse_id)";

int64_t scalarInt(sqlite3* db, const char* sql)
{
    SqliteStatement statement(db, sql);
    return statement && sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : 0;
}

struct ColumnSpec {
    const char* name;
    const char* type;
};

const std::vector<ColumnSpec>& columns()
{
    static const std::vector<ColumnSpec> specs {
        { "race_id", "TEXT NOT NULL" },
        { "horse_id", "TEXT NOT NULL" },
        { "date", "TEXT NOT NULL" },
        { "horse_runs", "INTEGER" },
        { "horse_wins", "INTEGER" },
        { "horse_win_rate", "REAL" },
        { "horse_place_rate", "REAL" },
        { "horse_avg_position", "REAL" },
        { "horse_form3", "REAL" },
        { "days_since_last_run", "INTEGER" },
        { "distance_change_f", "REAL" },
        { "course_runs", "INTEGER" },
        { "course_wins", "INTEGER" },
        { "distance_wins", "INTEGER" },
        { "going_win_rate", "REAL" },
        { "jockey_rides_365", "INTEGER" },
        { "jockey_win_rate_365", "REAL" },
        { "trainer_runs_365", "INTEGER" },
        { "trainer_win_rate_365", "REAL" },
        { "jt_runs", "INTEGER" },
        { "jt_win_rate", "REAL" },
        { "field_size", "INTEGER" },
        { "weight_diff_lbs", "REAL" },
        { "ofr_rank", "INTEGER" },
        { "draw_pct", "REAL" },
        { "position", "INTEGER" },
        { "won", "INTEGER" },
        { "placed", "INTEGER" },
    };
    return specs;
}

void bindCount(sqlite3_stmt* s, int index, int64_t value)
{
    if (value == NullCount)
        sqlite3_bind_null(s, index);
    else
        sqlite3_bind_int64(s, index, value);
}

void bindReal(sqlite3_stmt* s, int index, double value)
{
    if (isNull(value))
        sqlite3_bind_null(s, index);
    else
        sqlite3_bind_double(s, index, value);
}

void bindText(sqlite3_stmt* s, int index, const std::string& text)
{
    sqlite3_bind_text(s, index, text.data(), int(text.size()), SQLITE_STATIC);
}

} // namespace

const QStringList& FeatureWriter::columnNames()
{
    static const QStringList names = [] {
        QStringList list;
        for (const auto& column : columns())
            list << QLatin1String(column.name);
        return list;
    }();
    return names;
}

std::unique_ptr<FeatureWriter> FeatureWriter::open(const QString& path, QString& error)
{
    std::unique_ptr<FeatureWriter> writer(new FeatureWriter);
    writer->m_db = SqliteHandle::open(path, SqliteHandle::Mode::ReadWriteCreate, error);
    if (!writer->m_db)
        return nullptr;
    sqlite3* db = writer->m_db.get();
    // The database keeps its own journal mode: a run is one transaction, and for a bulk
    // append a rollback journal (the SQLite default) holds almost nothing, where WAL
    // would write every new page twice (log, then checkpoint) — 25 % more CPU measured.
    // A commit is atomic in either mode.
    if (!writer->m_db.exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;", error)) {
        error = QStringLiteral("cannot write to %1: %2").arg(path, error);
        return nullptr;
    }
    std::string create = "CREATE TABLE IF NOT EXISTS features (";
    for (const auto& column : columns())
        create += std::string(column.name) + " " + column.type + ", ";
    create.resize(create.size() - 2);
    create += ")";
    if (!writer->m_db.exec(create.c_str(), error) || !writer->m_db.exec(KeyIndex, error)) {
        error = QStringLiteral("cannot create table 'features' in %1: %2").arg(path, error);
        return nullptr;
    }
    // An older or foreign `features` table must have every column we write.
    {
        SqliteStatement info(db, "PRAGMA table_info(features)");
        QStringList existing;
        while (info && sqlite3_step(info.get()) == SQLITE_ROW)
            existing << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 1))).toLower();
        for (const QString& name : columnNames()) {
            if (!existing.contains(name)) {
                error = QStringLiteral("the existing table 'features' in %1 has no column '%2'; choose another output "
                                       "database")
                            .arg(path, name);
                return nullptr;
            }
        }
    }
    writer->m_delete = SqliteStatement(db, "DELETE FROM features WHERE race_id = ?");
    std::string insert = "INSERT OR REPLACE INTO features (";
    std::string values;
    for (const auto& column : columns()) {
        insert += std::string(column.name) + ",";
        values += "?,";
    }
    insert.back() = ')';
    values.back() = ')';
    Q_ASSERT(columns().size() == size_t(ColumnCount));
    std::string many = insert + " VALUES ";
    for (int k = 0; k < RowsPerInsert; ++k)
        many += (k ? ",(" : "(") + values;
    insert += " VALUES (" + values;
    writer->m_insert = SqliteStatement(db, insert.c_str());
    writer->m_insertMany = SqliteStatement(db, many.c_str());
    if (!writer->m_delete || !writer->m_insert || !writer->m_insertMany) {
        error = QStringLiteral("cannot prepare writes to %1: %2").arg(path, writer->m_db.lastError());
        return nullptr;
    }
    return writer;
}

FeatureWriter::~FeatureWriter()
{
    rollback();
}

bool FeatureWriter::begin(int64_t expectedRows, QString& error)
{
    if (m_inTransaction)
        return true;
    if (!m_db.exec("BEGIN IMMEDIATE", error))
        return false;
    m_inTransaction = true;
    sqlite3* db = m_db.get();
    m_existingRows = scalarInt(db, "SELECT count(*) FROM features");
    m_maxOldRowid = scalarInt(db, "SELECT coalesce(max(rowid), 0) FROM features");
    // A key declared in the table itself (a `features` table made by another tool)
    // cannot be dropped, so such a table is always written incrementally.
    const bool constraintKey
        = scalarInt(db, "SELECT count(*) FROM pragma_index_list('features') WHERE origin IN ('pk', 'u')") > 0;
    m_bulk = !constraintKey && (m_existingRows == 0 || double(expectedRows) >= BulkFraction * double(m_existingRows));
    if (m_bulk) {
        if (!m_db.exec("DROP INDEX IF EXISTS features_key;"
                       "CREATE TEMP TABLE IF NOT EXISTS features_written (race_id TEXT PRIMARY KEY);"
                       "DELETE FROM features_written;",
                error))
            return false;
        m_markWritten = SqliteStatement(db, "INSERT OR IGNORE INTO features_written (race_id) VALUES (?)");
        if (!m_markWritten) {
            error = m_db.lastError();
            return false;
        }
    }
    return true;
}

bool FeatureWriter::write(const RaceData& data, const std::vector<FeatureRow>& rows, QString& error)
{
    QElapsedTimer timer;
    timer.start();
    if (!m_inTransaction) {
        error = QStringLiteral("internal: write before begin");
        return false;
    }
    auto step = [this, &error](sqlite3_stmt* statement) {
        const bool ok = sqlite3_step(statement) == SQLITE_DONE;
        if (!ok)
            error = m_db.lastError();
        sqlite3_reset(statement);
        return ok;
    };
    // The batch holds every row of its races: replace (or mark) each race first, then
    // insert its rows.
    if (m_existingRows > 0) {
        sqlite3_stmt* remove = m_bulk ? m_markWritten.get() : m_delete.get();
        uint32_t lastRace = UINT32_MAX;
        for (const FeatureRow& row : rows) {
            if (row.race == lastRace)
                continue;
            lastRace = row.race;
            bindText(remove, 1, data.races[row.race].raceId);
            if (!step(remove))
                return false;
        }
    }
    // Many rows per statement: one VDBE run per RowsPerInsert rows instead of per row.
    size_t i = 0;
    for (sqlite3_stmt* many = m_insertMany.get(); i + RowsPerInsert <= rows.size(); i += RowsPerInsert) {
        for (int k = 0; k < RowsPerInsert; ++k)
            bindRow(many, k * ColumnCount, data, rows[i + size_t(k)]);
        if (!step(many))
            return false;
    }
    for (; i < rows.size(); ++i) {
        bindRow(m_insert.get(), 0, data, rows[i]);
        if (!step(m_insert.get()))
            return false;
    }
    m_rowsWritten += int64_t(rows.size());
    m_nanos += timer.nsecsElapsed();
    return true;
}

void FeatureWriter::bindRow(sqlite3_stmt* insert, int offset, const RaceData& data, const FeatureRow& row)
{
    const Race& race = data.races[row.race];
    int c = offset + 1;
    bindText(insert, c++, race.raceId);
    bindText(insert, c++, data.horseIds[size_t(row.horse)]);
    bindText(insert, c++, race.date);
    bindCount(insert, c++, row.horseRuns);
    bindCount(insert, c++, row.horseWins);
    bindReal(insert, c++, row.horseWinRate);
    bindReal(insert, c++, row.horsePlaceRate);
    bindReal(insert, c++, row.horseAvgPosition);
    bindReal(insert, c++, row.horseForm3);
    bindCount(insert, c++, row.daysSinceLastRun);
    bindReal(insert, c++, row.distanceChangeF);
    bindCount(insert, c++, row.courseRuns);
    bindCount(insert, c++, row.courseWins);
    bindCount(insert, c++, row.distanceWins);
    bindReal(insert, c++, row.goingWinRate);
    bindCount(insert, c++, row.jockeyRides365);
    bindReal(insert, c++, row.jockeyWinRate365);
    bindCount(insert, c++, row.trainerRuns365);
    bindReal(insert, c++, row.trainerWinRate365);
    bindCount(insert, c++, row.jtRuns);
    bindReal(insert, c++, row.jtWinRate);
    bindCount(insert, c++, row.fieldSize);
    bindReal(insert, c++, row.weightDiffLbs);
    bindCount(insert, c++, row.ofrRank);
    bindReal(insert, c++, row.drawPct);
    bindCount(insert, c++, row.position);
    bindCount(insert, c++, row.won);
    bindCount(insert, c++, row.placed);
}

bool FeatureWriter::commit(QString& error)
{
    if (!m_inTransaction)
        return true;
    QElapsedTimer timer;
    timer.start();
    if (m_bulk) {
        if (m_existingRows > 0) {
            const std::string replaceOld = "DELETE FROM features WHERE rowid <= " + std::to_string(m_maxOldRowid)
                + " AND race_id IN (SELECT race_id FROM features_written)";
            if (!m_db.exec(replaceOld.c_str(), error))
                return false;
        }
        if (!m_db.exec(KeyIndex, error) || !m_db.exec("DELETE FROM features_written", error))
            return false;
    }
    if (!m_db.exec("COMMIT", error))
        return false;
    m_inTransaction = false;
    m_nanos += timer.nsecsElapsed();
    return true;
}

void FeatureWriter::rollback()
{
    if (!m_inTransaction)
        return;
    QString ignored;
    m_db.exec("ROLLBACK", ignored);
    m_inTransaction = false;
}

} // namespace bfs
