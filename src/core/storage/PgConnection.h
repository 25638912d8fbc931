#pragma once

#include "storage/DatabaseUrl.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

struct pg_conn;
struct pg_result;

namespace bfs {

// One result of PgConnection::exec: text-format values by row and column.
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* result);
    ~PgResult();
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const;
    bool isNull(int row, int column) const;
    QByteArray value(int row, int column) const;
    QString text(int row, int column) const { return QString::fromUtf8(value(row, column)); }
    qint64 number(int row, int column) const { return value(row, column).toLongLong(); }
    qint64 affected() const; // rows an INSERT / UPDATE / DELETE changed
    pg_result* handle() const { return m_result; }

private:
    pg_result* m_result = nullptr;
};

// A libpq connection for what QPSQL cannot do: COPY (phase 2's bulk path) and the team link, whose
// state is shared by every worker thread (a QSqlDatabase belongs to one thread; a PGconn to
// whoever holds it — callers serialise access). Messages are the server's own; libpq never puts
// the password into one.
class PgConnection {
public:
    static std::unique_ptr<PgConnection> open(const DatabaseUrl& url, QString& error);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Runs one statement with text parameters ($1, $2, …; an empty optional is NULL). On failure
    // the optional is empty and `error` holds the server's message.
    // Parameters listed in `binaryParameters` (0-based) are sent as raw bytes (a bytea body);
    // `binaryResults` returns every column's raw bytes instead of text (for bytea columns only).
    std::optional<PgResult> exec(const QByteArray& sql, const QList<std::optional<QByteArray>>& parameters,
        QString& error, const QList<int>& binaryParameters = {}, bool binaryResults = false);
    bool exec(const QByteArray& sql, QString& error);

    // COPY … FROM STDIN: `produce` is called until it returns false, appending text-format rows
    // to its buffer; each buffer is sent as it fills. True when the server accepted every row.
    bool copyIn(const QByteArray& sql, const std::function<bool(QByteArray& buffer)>& produce, QString& error);
    // COPY … TO STDOUT: `consume` gets each row's bytes (text format, with its newline).
    bool copyOut(const QByteArray& sql, const std::function<bool(const char* data, int size)>& consume, QString& error);

    // A COPY text-format field: tabs, newlines and backslashes escaped; NULL is "\N".
    static void appendCopyField(QByteArray& row, const QByteArray& value);

    // False once the connection broke (the server restarted, the network went away).
    bool isUsable() const;

private:
    explicit PgConnection(pg_conn* connection);
    QString lastError() const;
    pg_conn* m_connection;
};

} // namespace bfs

namespace bfs {

// Connections to one team database shared by every thread of a process: a caller takes one,
// uses it alone, and it goes back when the handle goes (broken ones are dropped). Grows to the
// number of threads using it at once.
class PgPool {
public:
    explicit PgPool(DatabaseUrl url);
    ~PgPool();

    class Handle {
    public:
        Handle() = default;
        Handle(PgPool* pool, std::unique_ptr<PgConnection> connection);
        ~Handle();
        Handle(Handle&&) noexcept = default;
        Handle& operator=(Handle&&) noexcept = default;
        explicit operator bool() const { return bool(m_connection); }
        PgConnection* operator->() const { return m_connection.get(); }

    private:
        PgPool* m_pool = nullptr;
        std::unique_ptr<PgConnection> m_connection;
    };

    // An idle connection, or a new one; empty with the server's message when none can be had.
    Handle take(QString& error);
    const DatabaseUrl& url() const { return m_url; }

private:
    void giveBack(std::unique_ptr<PgConnection> connection);
    DatabaseUrl m_url;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
};

} // namespace bfs
