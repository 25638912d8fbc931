#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace bfs {

enum class PartitionState { Pending, Running, Done, Empty, Failed };

QString partitionStateName(PartitionState state);
PartitionState partitionStateFromName(const QString& name);

// One row of the partition table: the phase-1 state of one date.
struct PartitionRow {
    QDate date;
    PartitionState state = PartitionState::Pending;
    int attempts = 0;
    QString lastError;
    qint64 requests = 0;
    qint64 credits = 0;
    int eventsTotal = 0;
    int eventsFetched = 0;
    int eventsMissing = 0;
    double seconds = 0;
    QDateTime finishedAt; // UTC end of the last attempt; invalid while never finished
    QString owner; // "host pid N run ID" of the last claim
    bool leaseLive = false; // running under a lease that has not expired (the database's clock)
};

// What one attempt at a date produced, added to the row when the attempt ends.
struct PartitionAttempt {
    qint64 requests = 0;
    qint64 credits = 0;
    int eventsTotal = 0;
    int eventsFetched = 0;
    int eventsMissing = 0;
    double seconds = 0;
    QString error;
};

struct BackfillSettings;

// Phase-1 partition state in the workspace database (table `partitions`, schemas
// 011_partitions.sql and 030_team.sql), through the calling thread's own connection. Portable
// SQL: `INSERT … ON CONFLICT DO NOTHING` and `UPDATE … RETURNING` work in SQLite ≥ 3.35 and
// PostgreSQL alike; only the claim's `FOR UPDATE SKIP LOCKED` is PostgreSQL's alone (SQLite
// runs one writer at a time, so its claim is atomic without it).
class PartitionStore {
public:
    explicit PartitionStore(QSqlDatabase db);

    // Adds missing dates as pending; existing rows keep their state.
    bool ensure(const QString& sport, const QList<QDate>& dates, QString& error);
    // Dates a killed process left "running" go back to pending (a SQLite workspace, whose lock
    // file says no other process is running; in a team database leases expire instead).
    bool resetInterrupted(const QString& sport, QString& error);

    // Takes the run's next date in one statement (team.md): one its plan would run — pending or
    // failed (only failed with retry-failed; chosen dates in any final state) or running under
    // an expired lease — that `owner` has not attempted yet, in run order, skipping rows another
    // claimer holds locked. Sets running, `owner` and a lease of `leaseMs` on the database's
    // clock. Empty optional with an empty `error` when nothing is left to claim.
    std::optional<QDate> claim(const BackfillSettings& settings, const QString& owner, qint64 leaseMs, QString& error);
    // The same statement for the next `count` dates at once, in run order (fewer when fewer are
    // left; empty with an empty `error` when none is).
    QList<QDate> claim(
        const BackfillSettings& settings, const QString& owner, qint64 leaseMs, int count, QString& error);
    // ms until the first live lease another owner holds on a date of the plan expires, or empty
    // when none does (nothing left to wait for).
    std::optional<qint64> nextLeaseExpiry(const BackfillSettings& settings, const QString& owner, QString& error);
    // Ends `owner`'s attempt: done / empty / failed, or pending when it was interrupted — only
    // while `owner` still holds the date: `held` is false (and nothing written) when another
    // instance reclaimed it meanwhile, whose result then counts instead.
    bool finish(const QString& sport, QDate date, PartitionState state, const PartitionAttempt& attempt,
        const QString& owner, bool& held, QString& error);

    QList<PartitionRow> rows(const QString& sport, QDate from = {}, QDate to = {}) const;
    QHash<QDate, PartitionState> states(const QString& sport, QDate from, QDate to) const;

private:
    QString scopeSql(const BackfillSettings& settings) const;
    QSqlDatabase m_db;
    bool m_postgres;
    QString m_now; // the database clock, ms since the epoch
};

} // namespace bfs
