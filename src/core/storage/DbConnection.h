#pragma once

#include "storage/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace bfs {

// A QSqlDatabase connection owned by the thread that opened it, under a unique
// connection name, closed and removed on destruction (which must happen on the same
// thread: Qt's "Threads and the SQL Module"). Move-only.
class DbConnection {
public:
    DbConnection() = default;
    ~DbConnection();
    DbConnection(DbConnection&& other) noexcept;
    DbConnection& operator=(DbConnection&& other) noexcept;
    DbConnection(const DbConnection&) = delete;
    DbConnection& operator=(const DbConnection&) = delete;

    enum class Journal {
        Wal, // the workspace: many readers and one writer at once
        AsIs, // someone else's database (a race database being explored): left as it is
    };
    // Opens (creating when missing) a SQLite file with NORMAL sync and a busy timeout;
    // with Journal::Wal it is switched to WAL journaling.
    static DbConnection openSqlite(const QString& path, QString& error, Journal journal = Journal::Wal);
    // Opens an existing SQLite file for reading only, on media or in a folder this process cannot
    // write: nothing is created next to it. Without a -wal file beside it the file is opened
    // immutable (SQLite then needs no -shm file, which it could not create).
    static DbConnection openSqliteReadOnly(const QString& path, QString& error);

    // Opens a connection to a team database (QPSQL; the password from the URL, else libpq's
    // PGPASSWORD / ~/.pgpass). `error` carries the server's message, the URL redacted.
    static DbConnection openPostgres(const DatabaseUrl& url, QString& error);

    bool isOpen() const { return !m_name.isEmpty(); }
    bool isPostgres() const;
    // The database's own clock in ms since the epoch, as an SQL expression: leases are compared
    // with the server's time, never with a machine's, whose clocks differ.
    QString nowMsSql() const { return nowMsSql(isPostgres()); }
    static QString nowMsSql(bool postgres);
    QSqlDatabase db() const;
    QString driverName() const;

    // Runs one statement; on failure fills `error` with the statement's error text.
    bool exec(const QString& sql, QString& error) const;
    // First column of the first row, or an invalid QVariant.
    QVariant scalar(const QString& sql, const QVariantList& bindings = {}) const;

private:
    void close();
    QString m_name;
};

// RAII transaction: rolls back unless commit() succeeded.
class DbTransaction {
public:
    explicit DbTransaction(const QSqlDatabase& db);
    ~DbTransaction();
    bool commit();
    bool isActive() const { return m_active; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace bfs
