#include "PartitionStore.h"

#include "odds/scrape/BackfillSettings.h"
#include "storage/DbConnection.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bfs {

namespace {
QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}
QString iso(QDate d)
{
    return d.toString(Qt::ISODate);
}
} // namespace

QString partitionStateName(PartitionState state)
{
    switch (state) {
    case PartitionState::Pending:
        return QStringLiteral("pending");
    case PartitionState::Running:
        return QStringLiteral("running");
    case PartitionState::Done:
        return QStringLiteral("done");
    case PartitionState::Empty:
        return QStringLiteral("empty");
    case PartitionState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

PartitionState partitionStateFromName(const QString& name)
{
    for (auto s : { PartitionState::Running, PartitionState::Done, PartitionState::Empty, PartitionState::Failed }) {
        if (partitionStateName(s) == name)
            return s;
    }
    return PartitionState::Pending;
}

PartitionStore::PartitionStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_postgres(m_db.driverName() == u"QPSQL")
    , m_now(DbConnection::nowMsSql(m_postgres))
{
}

bool PartitionStore::ensure(const QString& sport, const QList<QDate>& dates, QString& error)
{
    DbTransaction transaction(m_db);
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO partitions (sport, partition_date, state) VALUES (?, ?, 'pending') "
                                  "ON CONFLICT (sport, partition_date) DO NOTHING"));
    for (const QDate& d : dates) {
        insert.addBindValue(sport);
        insert.addBindValue(iso(d));
        if (!insert.exec()) {
            error = insert.lastError().text();
            return false;
        }
    }
    if (!transaction.commit()) {
        error = m_db.lastError().text();
        return false;
    }
    return true;
}

bool PartitionStore::resetInterrupted(const QString& sport, QString& error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE partitions SET state = 'pending' WHERE sport = ? AND state = 'running'"));
    q.addBindValue(sport);
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    return true;
}

QString PartitionStore::scopeSql(const BackfillSettings& s) const
{
    // Dates come from QDate, so the IN list holds nothing but digits and dashes.
    QString scope = QStringLiteral("sport = ? AND partition_date BETWEEN ? AND ?");
    if (!s.dates.isEmpty()) {
        QStringList listed;
        for (const QDate& d : s.dates)
            listed.append(u'\'' + iso(d) + u'\'');
        scope += QStringLiteral(" AND partition_date IN (%1)").arg(listed.join(u','));
    }
    return scope;
}

std::optional<QDate> PartitionStore::claim(
    const BackfillSettings& s, const QString& owner, qint64 leaseMs, QString& error)
{
    const QList<QDate> dates = claim(s, owner, leaseMs, 1, error);
    return dates.isEmpty() ? std::nullopt : std::optional<QDate>(dates.first());
}

QList<QDate> PartitionStore::claim(
    const BackfillSettings& s, const QString& owner, qint64 leaseMs, int count, QString& error)
{
    const QString expired = QStringLiteral("(state = 'running' AND lease_until < %1)").arg(m_now);
    QString claimable;
    if (!s.dates.isEmpty())
        claimable = QStringLiteral("(state <> 'running' OR lease_until < %1)").arg(m_now);
    else if (s.retryFailedOnly)
        claimable = QStringLiteral("state = 'failed'");
    else
        claimable = QStringLiteral("(state IN ('pending', 'failed') OR %1)").arg(expired);
    // The dates are picked once (a materialised CTE: PostgreSQL may run an IN-subquery's
    // SKIP LOCKED more than once), then updated.
    const QString sql
        = QStringLiteral("WITH picked AS MATERIALIZED (SELECT partition_date FROM partitions WHERE %2 "
                         "AND (owner IS NULL OR owner <> ?) AND %3 ORDER BY partition_date %4 LIMIT %5%6) "
                         "UPDATE partitions SET state = 'running', owner = ?, lease_until = %1 + ?, renewed_at = %1, "
                         "attempts = attempts + 1, started_at = ?, finished_at = NULL "
                         "WHERE sport = ? AND partition_date IN (SELECT partition_date FROM picked) "
                         "RETURNING partition_date")
              .arg(m_now, scopeSql(s), claimable, s.newestFirst ? QStringLiteral("DESC") : QString())
              .arg(std::max(1, count))
              .arg(m_postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString());
    QSqlQuery q(m_db);
    q.prepare(sql);
    q.addBindValue(s.sport);
    q.addBindValue(iso(s.start));
    q.addBindValue(iso(s.end));
    q.addBindValue(owner);
    q.addBindValue(owner);
    q.addBindValue(leaseMs);
    q.addBindValue(now());
    q.addBindValue(s.sport);
    if (!q.exec()) {
        error = q.lastError().text();
        return {};
    }
    QList<QDate> dates;
    while (q.next())
        dates.append(QDate::fromString(q.value(0).toString(), Qt::ISODate));
    // RETURNING follows no order: the run's is the subquery's.
    std::sort(dates.begin(), dates.end());
    if (s.newestFirst)
        std::reverse(dates.begin(), dates.end());
    return dates;
}

std::optional<qint64> PartitionStore::nextLeaseExpiry(const BackfillSettings& s, const QString& owner, QString& error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MIN(lease_until) - %1 FROM partitions WHERE %2 AND state = 'running' "
                             "AND owner <> ? AND lease_until >= %1")
                  .arg(m_now, scopeSql(s)));
    q.addBindValue(s.sport);
    q.addBindValue(iso(s.start));
    q.addBindValue(iso(s.end));
    q.addBindValue(owner);
    if (!q.exec()) {
        error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return std::max<qint64>(0, q.value(0).toLongLong());
}

bool PartitionStore::finish(const QString& sport, QDate date, PartitionState state, const PartitionAttempt& a,
    const QString& owner, bool& held, QString& error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE partitions SET state = ?, last_error = ?, requests = requests + ?, credits = credits + ?, "
        "events_total = ?, events_fetched = ?, events_missing = ?, finished_at = ?, seconds = ?, lease_until = NULL "
        "WHERE sport = ? AND partition_date = ? AND owner = ? AND state = 'running'"));
    q.addBindValue(partitionStateName(state));
    q.addBindValue(a.error.isEmpty() ? QVariant() : QVariant(a.error));
    q.addBindValue(a.requests);
    q.addBindValue(a.credits);
    q.addBindValue(a.eventsTotal);
    q.addBindValue(a.eventsFetched);
    q.addBindValue(a.eventsMissing);
    q.addBindValue(state == PartitionState::Pending ? QVariant() : QVariant(now()));
    q.addBindValue(a.seconds);
    q.addBindValue(sport);
    q.addBindValue(iso(date));
    q.addBindValue(owner);
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    held = q.numRowsAffected() > 0;
    return true;
}

QList<PartitionRow> PartitionStore::rows(const QString& sport, QDate from, QDate to) const
{
    QList<PartitionRow> result;
    QSqlQuery q(m_db);
    QString sql = QStringLiteral("SELECT partition_date, state, attempts, last_error, requests, credits, events_total, "
                                 "events_fetched, events_missing, seconds, finished_at, owner, "
                                 "CASE WHEN state = 'running' AND lease_until >= %1 THEN 1 ELSE 0 END "
                                 "FROM partitions WHERE sport = ?")
                      .arg(m_now);
    if (from.isValid())
        sql += QStringLiteral(" AND partition_date >= ?");
    if (to.isValid())
        sql += QStringLiteral(" AND partition_date <= ?");
    q.prepare(sql + QStringLiteral(" ORDER BY partition_date"));
    q.addBindValue(sport);
    if (from.isValid())
        q.addBindValue(iso(from));
    if (to.isValid())
        q.addBindValue(iso(to));
    if (!q.exec())
        return result;
    while (q.next()) {
        PartitionRow r;
        r.date = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        r.state = partitionStateFromName(q.value(1).toString());
        r.attempts = q.value(2).toInt();
        r.lastError = q.value(3).toString();
        r.requests = q.value(4).toLongLong();
        r.credits = q.value(5).toLongLong();
        r.eventsTotal = q.value(6).toInt();
        r.eventsFetched = q.value(7).toInt();
        r.eventsMissing = q.value(8).toInt();
        r.seconds = q.value(9).toDouble();
        if (!q.value(10).isNull())
            r.finishedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
        r.owner = q.value(11).toString();
        r.leaseLive = q.value(12).toInt() == 1;
        result.append(r);
    }
    return result;
}

QHash<QDate, PartitionState> PartitionStore::states(const QString& sport, QDate from, QDate to) const
{
    QHash<QDate, PartitionState> result;
    for (const PartitionRow& r : rows(sport, from, to))
        result.insert(r.date, r.state);
    return result;
}

} // namespace bfs
