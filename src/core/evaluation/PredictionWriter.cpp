#include "PredictionWriter.h"

#include "storage/DbConnection.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

namespace {

// Rows per INSERT: one statement execution per 64 rows instead of per row (8 × 64 = 512 bound
// values, well under SQLite's limit of 32,766).
constexpr int BatchRows = 64;
constexpr int Columns = 8;

QString insertStatement(int rows)
{
    QString sql = QStringLiteral("INSERT INTO predictions (line_number, game_date, pitcher_name, player_lookup, "
                                 "predicted_strikeouts, actual_strikeouts, recommendation, team) VALUES ");
    for (int r = 0; r < rows; ++r)
        sql += r ? QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?)") : QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)");
    return sql;
}

} // namespace

PredictionWriter::PredictionWriter(const DbConnection& connection)
    : m_connection(connection)
{
}

PredictionWriter::~PredictionWriter()
{
    m_insertBatch.reset();
    m_insertOne.reset();
    m_transaction.reset(); // rolled back unless committed
    if (m_previousCacheSize.isValid()) {
        QString error;
        m_connection.exec(QStringLiteral("PRAGMA cache_size=%1").arg(m_previousCacheSize.toLongLong()), error);
    }
}

bool PredictionWriter::begin(QString& error)
{
    QSqlDatabase db = m_connection.db();
    m_transaction = std::make_unique<DbTransaction>(db);
    if (!m_transaction->isActive()) {
        error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
        return false;
    }
    // A 64 MiB page cache while the set is written: with SQLite's default 2 MB, the pages of a
    // large set are spilled to the WAL, read back and spilled again (a million rows: 6.5 s of
    // system time instead of 2.6 s). Put back in the destructor, so the evaluation that follows
    // does not keep the pages. (SQLite's alone: a team database manages its own memory.)
    if (!m_connection.isPostgres()) {
        m_previousCacheSize = m_connection.scalar(QStringLiteral("PRAGMA cache_size"));
        m_connection.exec(QStringLiteral("PRAGMA cache_size=-65536"), error);
    }
    if (!m_connection.exec(QStringLiteral("DELETE FROM predictions"), error)
        || !m_connection.exec(QStringLiteral("DELETE FROM prediction_set"), error))
        return false;
    m_insertBatch = std::make_unique<QSqlQuery>(db);
    m_insertOne = std::make_unique<QSqlQuery>(db);
    if (!m_insertBatch->prepare(insertStatement(BatchRows)) || !m_insertOne->prepare(insertStatement(1))) {
        error = QStringLiteral("cannot store predictions: %1")
                    .arg(m_insertBatch->lastError().text() + m_insertOne->lastError().text());
        return false;
    }
    m_batch.reserve(BatchRows);
    m_rows = 0;
    return true;
}

void PredictionWriter::bind(QSqlQuery& query, int row, const Prediction& p) const
{
    const int first = row * Columns;
    query.bindValue(first, p.lineNumber);
    query.bindValue(first + 1, p.gameDate.toString(Qt::ISODate));
    query.bindValue(first + 2, p.pitcherName);
    query.bindValue(first + 3, p.playerLookup);
    query.bindValue(first + 4, p.predictedStrikeouts);
    query.bindValue(
        first + 5, p.actualStrikeouts ? QVariant(*p.actualStrikeouts) : QVariant(QMetaType::fromType<int>()));
    query.bindValue(first + 6,
        p.recommendation ? QVariant(Grader::name(*p.recommendation)) : QVariant(QMetaType::fromType<QString>()));
    query.bindValue(first + 7, p.team.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(p.team));
}

bool PredictionWriter::add(const Prediction& prediction, QString& error)
{
    m_batch.push_back(prediction);
    ++m_rows;
    return int(m_batch.size()) < BatchRows || flush(error);
}

bool PredictionWriter::flush(QString& error)
{
    if (int(m_batch.size()) == BatchRows) {
        for (int r = 0; r < BatchRows; ++r)
            bind(*m_insertBatch, r, m_batch[std::size_t(r)]);
        if (!m_insertBatch->exec()) {
            error = QStringLiteral("cannot store predictions: %1").arg(m_insertBatch->lastError().text());
            return false;
        }
    } else {
        for (const auto& prediction : m_batch) {
            bind(*m_insertOne, 0, prediction);
            if (!m_insertOne->exec()) {
                error = QStringLiteral("cannot store predictions: %1").arg(m_insertOne->lastError().text());
                return false;
            }
        }
    }
    m_batch.clear();
    return true;
}

bool PredictionWriter::commit(const QString& source, QString& error)
{
    if (!m_transaction || !flush(error))
        return false;
    QSqlDatabase db = m_connection.db();
    QSqlQuery set(db);
    set.prepare(QStringLiteral("INSERT INTO prediction_set (id, source, imported_at, rows) VALUES (1, ?, ?, ?)"));
    set.addBindValue(source);
    set.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    set.addBindValue(m_rows);
    if (!set.exec() || !m_transaction->commit()) {
        error = QStringLiteral("cannot store predictions: %1").arg(set.lastError().text() + db.lastError().text());
        return false;
    }
    return true;
}

} // namespace bfs
