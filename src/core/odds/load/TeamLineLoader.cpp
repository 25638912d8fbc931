#include "TeamLineLoader.h"

#include "jobs/UnitContext.h"
#include "odds/load/NdjsonExport.h"
#include "odds/load/OddsSnapshotParser.h"
#include "odds/scrape/SnapshotStore.h"
#include "storage/PgConnection.h"
#include "storage/Workspace.h"

#include <QDateTime>
#include <QUuid>

#include <cstdio>

namespace bfs {

namespace {

// betting_lines' columns in table order, and the staging table: the same columns plus the
// row's place in the batch, so the first of two rows with one key is the one kept, as in a
// SQLite workspace.
constexpr const char* LineColumns = "sport, market, game_date, event_id, commence_time, home_team, away_team, "
                                    "bookmaker, player_name, player_lookup, point, over_price, under_price, "
                                    "over_implied_prob, under_implied_prob, last_update, snapshot_time";

void field(QByteArray& row, std::string_view text)
{
    PgConnection::appendCopyField(row, QByteArray::fromRawData(text.data(), qsizetype(text.size())));
    row += '\t';
}
template <typename Text> void field(QByteArray& row, const std::optional<Text>& text)
{
    if (text)
        field(row, std::string_view(*text));
    else
        row += "\\N\t";
}
void number(QByteArray& row, double value)
{
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%.17g", value); // round-trips exactly
    row.append(buffer, n);
    row += '\t';
}
template <typename T> void number(QByteArray& row, const std::optional<T>& value)
{
    if (!value)
        row += "\\N\t";
    else if constexpr (std::is_integral_v<T>)
        row += QByteArray::number(qint64(*value)) + '\t';
    else
        number(row, double(*value));
}

void appendRows(QByteArray& copy, const OddsSnapshot& snapshot, qint64& seq)
{
    for (const BettingLine& line : snapshot.lines) {
        field(copy, snapshot.sport);
        field(copy, line.market);
        field(copy, snapshot.gameDate);
        field(copy, snapshot.eventId);
        field(copy, snapshot.commenceTime);
        field(copy, snapshot.homeTeam);
        field(copy, snapshot.awayTeam);
        field(copy, line.bookmaker);
        field(copy, line.playerName);
        field(copy, line.playerLookup);
        number(copy, line.point);
        number(copy, line.overPrice);
        number(copy, line.underPrice);
        number(copy, line.overImpliedProb);
        number(copy, line.underImpliedProb);
        field(copy, line.lastUpdate);
        field(copy, snapshot.snapshotTime);
        copy += QByteArray::number(++seq) + '\n';
    }
}

} // namespace

class TeamLineLoader::Worker final : public JobWorker {
public:
    Worker(TeamLineLoader& loader, PgPool::Handle db)
        : m_loader(loader)
        , m_db(std::move(db))
    {
    }

    UnitOutcome run(qint64, UnitContext& context) override
    {
        if (!context.checkpoint())
            return UnitOutcome::Interrupted;
        QString error;
        if (!m_stageReady) {
            const QByteArray stage = QByteArray("CREATE TEMP TABLE IF NOT EXISTS bfs_stage AS SELECT ") + LineColumns
                + ", 0::bigint AS seq FROM betting_lines WITH NO DATA";
            // A batch's rows and its loaded marks commit together, so an unflushed commit lost in a
            // server crash loses both, and the next load takes the batch again: nothing to wait for.
            if (!m_db->exec(stage, error) || !m_db->exec("SET synchronous_commit = off", error))
                return abort(context, error);
            m_stageReady = true;
        }
        if (!m_db->exec("BEGIN", error))
            return abort(context, error);
        const auto batch = m_db->exec("SELECT id::text AS id_text, sport, game_date, event_id, body FROM raw_snapshots "
                                      "WHERE kind = 'odds' AND loaded_at IS NULL "
                                      "AND (load_run IS NULL OR load_run <> $1) "
                                      "ORDER BY raw_snapshots.id LIMIT $2 FOR UPDATE SKIP LOCKED",
            { m_loader.m_loadRun, QByteArray::number(BatchSnapshots) }, error, {}, true);
        if (!batch)
            return rollback(context, error);
        if (batch->rows() == 0) { // other loads took the rest
            m_db->exec("COMMIT", error);
            return UnitOutcome::Done;
        }
        QByteArray copy;
        QByteArrayList loaded;
        QList<LoadFailure> failures;
        QList<QPair<QByteArray, QString>> unparsed;
        qint64 seq = 0, rowsParsed = 0;
        for (int r = 0; r < batch->rows(); ++r) {
            OddsSnapshot snapshot;
            QString parseError;
            const std::string sport = batch->value(r, 1).toStdString();
            if (OddsSnapshotParser(m_loader.m_options.format, sport).parse(batch->value(r, 4), snapshot, parseError)) {
                appendRows(copy, snapshot, seq);
                rowsParsed += qint64(snapshot.lines.size());
                loaded.append(batch->value(r, 0));
            } else {
                // Named like a raw/ file, so the summary's refetch advice names its date.
                const QString path
                    = QStringLiteral("raw/%1/%2/%3")
                          .arg(batch->text(r, 1), batch->text(r, 2), SnapshotStore::eventFileName(batch->text(r, 3)));
                failures.append({ path, parseError });
                unparsed.append({ batch->value(r, 0), parseError });
            }
        }
        qint64 inserted = 0;
        if (!copy.isEmpty()) {
            bool sent = false;
            if (!m_db->copyIn(
                    QByteArray("COPY bfs_stage (") + LineColumns + ", seq) FROM STDIN",
                    [&](QByteArray& buffer) {
                        if (!sent)
                            buffer = copy;
                        sent = true;
                        return false;
                    },
                    error))
                return rollback(context, error);
            const auto insert = m_db->exec(QByteArray("INSERT INTO betting_lines (") + LineColumns + ") SELECT "
                    + LineColumns + " FROM bfs_stage ORDER BY seq ON CONFLICT DO NOTHING",
                {}, error);
            if (!insert || !m_db->exec("TRUNCATE bfs_stage", error))
                return rollback(context, error);
            inserted = insert->affected();
        }
        const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        if (!loaded.isEmpty()
            && !m_db->exec("UPDATE raw_snapshots SET loaded_at = $1, load_error = NULL, load_run = $2 "
                           "WHERE id = ANY($3::bigint[])",
                { now, m_loader.m_loadRun, '{' + loaded.join(',') + '}' }, error))
            return rollback(context, error);
        for (const auto& [id, reason] : unparsed) {
            if (!m_db->exec("UPDATE raw_snapshots SET load_error = $1, load_run = $2 WHERE id = $3::bigint",
                    { reason.toUtf8(), m_loader.m_loadRun, id }, error))
                return rollback(context, error);
        }
        if (!m_db->exec("COMMIT", error))
            return rollback(context, error);
        m_loader.addBatch(loaded.size(), rowsParsed, inserted, failures);
        context.addItems(inserted);
        context.setStatus(QStringLiteral("loaded %1 snapshots").arg(loaded.size()));
        return UnitOutcome::Done;
    }

private:
    UnitOutcome rollback(UnitContext& context, const QString& error)
    {
        QString ignored;
        m_db->exec("ROLLBACK", ignored);
        return abort(context, error);
    }
    UnitOutcome abort(UnitContext& context, const QString& error)
    {
        context.abortJob(QStringLiteral("team database: %1").arg(error));
        return UnitOutcome::Interrupted;
    }

    TeamLineLoader& m_loader;
    PgPool::Handle m_db;
    bool m_stageReady = false;
};

TeamLineLoader::TeamLineLoader(const Workspace& workspace, LoadOptions options)
    : m_database(*workspace.teamDatabase())
    , m_options(std::move(options))
    , m_record(workspace, QStringLiteral("load"))
    , m_pool(std::make_shared<PgPool>(m_database))
    , m_loadRun(QUuid::createUuid().toString(QUuid::Id128).toUtf8())
{
}

TeamLineLoader::~TeamLineLoader() = default;

bool TeamLineLoader::prepare(UnitContext& context, QString& error)
{
    context.setStatus(QStringLiteral("counting raw snapshots"));
    const PgPool::Handle db = m_pool->take(error);
    if (!db)
        return false;
    const auto counts = db->exec("SELECT COUNT(*), COUNT(loaded_at), COUNT(*) - COUNT(loaded_at) FROM raw_snapshots "
                                 "WHERE kind = 'odds'",
        {}, error);
    if (!counts)
        return false;
    {
        QMutexLocker lock(&m_mutex);
        m_summary.filesFound = counts->number(0, 0);
        m_summary.filesSkipped = counts->number(0, 1);
    }
    const qint64 pending = counts->number(0, 2);
    m_units = (pending + BatchSnapshots - 1) / BatchSnapshots;
    context.setStatus(QStringLiteral("%1 snapshots to load, %2 already loaded").arg(pending).arg(counts->number(0, 1)));
    nlohmann::json config = { { "database", m_database.redacted().toStdString() }, { "workers", context.workers() },
        { "odds_format", oddsFormatName(m_options.format).toStdString() },
        { "ndjson",
            m_options.ndjsonPath.isEmpty() ? nlohmann::json() : nlohmann::json(m_options.ndjsonPath.toStdString()) } };
    return m_record.begin(config, error);
}

std::unique_ptr<JobWorker> TeamLineLoader::createWorker(int)
{
    QString error;
    PgPool::Handle db = m_pool->take(error);
    if (!db)
        throw std::runtime_error(error.toStdString());
    return std::make_unique<Worker>(*this, std::move(db));
}

void TeamLineLoader::addBatch(qint64 loaded, qint64 rowsParsed, qint64 rowsInserted, const QList<LoadFailure>& failures)
{
    QMutexLocker lock(&m_mutex);
    m_summary.filesLoaded += loaded;
    m_summary.rowsParsed += rowsParsed;
    m_summary.rowsInserted += rowsInserted;
    m_summary.filesFailed += failures.size();
    m_summary.failures += failures;
}

bool TeamLineLoader::finish(UnitContext& context, QString& error)
{
    QString failure;
    {
        const PgPool::Handle db = m_pool->take(failure);
        if (db) {
            if (const auto total = db->exec("SELECT COUNT(*) FROM betting_lines", {}, failure)) {
                QMutexLocker lock(&m_mutex);
                m_summary.rowsTotal = total->number(0, 0);
            }
        }
    }
    QMutexLocker lock(&m_mutex);
    return finishLoad(
        context, m_options, m_summary, m_record, failure,
        [this](QString& exportError) {
            return NdjsonExport::exportBettingLines(m_database, m_options.ndjsonPath, exportError);
        },
        error);
}

LoadSummary TeamLineLoader::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}

} // namespace bfs
