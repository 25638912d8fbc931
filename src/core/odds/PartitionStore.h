#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

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

// Phase-1 partition state in the workspace database (table `partitions`, schema
// 011_partitions.sql), through the calling thread's own connection. Portable SQL:
// `INSERT … ON CONFLICT DO NOTHING` works in SQLite ≥ 3.24 and PostgreSQL alike.
class PartitionStore {
public:
    explicit PartitionStore(QSqlDatabase db);

    // Adds missing dates as pending; existing rows keep their state.
    bool ensure(const QString& sport, const QList<QDate>& dates, QString& error);
    // Dates a killed process left "running" go back to pending.
    bool resetInterrupted(const QString& sport, QString& error);
    bool markRunning(const QString& sport, QDate date, QString& error);
    // Ends an attempt: done / empty / failed, or pending when it was interrupted.
    bool finish(const QString& sport, QDate date, PartitionState state, const PartitionAttempt& attempt, QString& error);

    QList<PartitionRow> rows(const QString& sport, QDate from = {}, QDate to = {}) const;
    QHash<QDate, PartitionState> states(const QString& sport, QDate from, QDate to) const;

private:
    QSqlDatabase m_db;
};

} // namespace bfs
