#include "PgConnection.h"

#include <libpq-fe.h>

#include <vector>

namespace bfs {

PgResult::PgResult(pg_result* result)
    : m_result(result)
{
}

PgResult::~PgResult()
{
    if (m_result)
        PQclear(m_result);
}

PgResult::PgResult(PgResult&& other) noexcept
    : m_result(std::exchange(other.m_result, nullptr))
{
}

PgResult& PgResult::operator=(PgResult&& other) noexcept
{
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result) : 0;
}
bool PgResult::isNull(int row, int column) const
{
    return !m_result || PQgetisnull(m_result, row, column);
}

QByteArray PgResult::value(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QByteArray(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

qint64 PgResult::affected() const
{
    return m_result ? QByteArray(PQcmdTuples(m_result)).toLongLong() : 0;
}

PgConnection::PgConnection(pg_conn* connection)
    : m_connection(connection)
{
}

PgConnection::~PgConnection()
{
    PQfinish(m_connection);
}

std::unique_ptr<PgConnection> PgConnection::open(const DatabaseUrl& url, QString& error)
{
    pg_conn* connection = PQconnectdb(url.connectionInfo().constData());
    if (PQstatus(connection) != CONNECTION_OK) {
        error = QStringLiteral("cannot connect to %1: %2")
                    .arg(url.redacted(), QString::fromUtf8(PQerrorMessage(connection)).trimmed());
        PQfinish(connection);
        return nullptr;
    }
    PQsetClientEncoding(connection, "UTF8");
    return std::unique_ptr<PgConnection>(new PgConnection(connection));
}

bool PgConnection::isUsable() const
{
    return PQstatus(m_connection) == CONNECTION_OK;
}

QString PgConnection::lastError() const
{
    return QString::fromUtf8(PQerrorMessage(m_connection)).trimmed();
}

std::optional<PgResult> PgConnection::exec(const QByteArray& sql, const QList<std::optional<QByteArray>>& parameters,
    QString& error, const QList<int>& binaryParameters, bool binaryResults)
{
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    values.reserve(parameters.size());
    for (const auto& p : parameters) {
        values.push_back(p ? p->constData() : nullptr);
        lengths.push_back(p ? int(p->size()) : 0);
        formats.push_back(binaryParameters.contains(int(formats.size())) ? 1 : 0);
    }
    PgResult result(PQexecParams(m_connection, sql.constData(), int(values.size()), nullptr, values.data(),
        lengths.data(), formats.data(), binaryResults ? 1 : 0));
    const ExecStatusType status = PQresultStatus(result.handle());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        error = result.handle() ? QString::fromUtf8(PQresultErrorMessage(result.handle())).trimmed() : lastError();
        return std::nullopt;
    }
    return result;
}

bool PgConnection::exec(const QByteArray& sql, QString& error)
{
    return exec(sql, {}, error).has_value();
}

namespace {
// Reads results until libpq has none left; the last error wins.
bool drainResults(pg_conn* connection, QString& error)
{
    bool ok = true;
    while (pg_result* r = PQgetResult(connection)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
            ok = false;
        }
        PQclear(r);
    }
    return ok;
}
} // namespace

bool PgConnection::copyIn(const QByteArray& sql, const std::function<bool(QByteArray&)>& produce, QString& error)
{
    PgResult start(PQexec(m_connection, sql.constData()));
    if (PQresultStatus(start.handle()) != PGRES_COPY_IN) {
        error = start.handle() ? QString::fromUtf8(PQresultErrorMessage(start.handle())).trimmed() : lastError();
        return false;
    }
    QByteArray buffer;
    bool more = true;
    bool sent = true;
    while (more && sent) {
        buffer.clear();
        more = produce(buffer);
        if (!buffer.isEmpty())
            sent = PQputCopyData(m_connection, buffer.constData(), int(buffer.size())) == 1;
    }
    if (!sent) {
        error = lastError();
        PQputCopyEnd(m_connection, "client could not send the rows");
        drainResults(m_connection, error);
        return false;
    }
    if (PQputCopyEnd(m_connection, nullptr) != 1) {
        error = lastError();
        drainResults(m_connection, error);
        return false;
    }
    return drainResults(m_connection, error);
}

bool PgConnection::copyOut(const QByteArray& sql, const std::function<bool(const char*, int)>& consume, QString& error)
{
    PgResult start(PQexec(m_connection, sql.constData()));
    if (PQresultStatus(start.handle()) != PGRES_COPY_OUT) {
        error = start.handle() ? QString::fromUtf8(PQresultErrorMessage(start.handle())).trimmed() : lastError();
        return false;
    }
    bool ok = true;
    for (;;) {
        char* data = nullptr;
        const int size = PQgetCopyData(m_connection, &data, 0);
        if (size < 0) {
            if (size == -2) {
                error = lastError();
                ok = false;
            }
            break;
        }
        if (ok && !consume(data, size)) {
            error = QStringLiteral("copy stopped by the reader");
            ok = false;
        }
        PQfreemem(data);
    }
    return drainResults(m_connection, error) && ok;
}

void PgConnection::appendCopyField(QByteArray& row, const QByteArray& value)
{
    for (const char c : value) {
        switch (c) {
        case '\\':
            row += "\\\\";
            break;
        case '\t':
            row += "\\t";
            break;
        case '\n':
            row += "\\n";
            break;
        case '\r':
            row += "\\r";
            break;
        default:
            row += c;
        }
    }
}

PgPool::PgPool(DatabaseUrl url)
    : m_url(std::move(url))
{
}

PgPool::~PgPool() = default;

PgPool::Handle::Handle(PgPool* pool, std::unique_ptr<PgConnection> connection)
    : m_pool(pool)
    , m_connection(std::move(connection))
{
}

PgPool::Handle::~Handle()
{
    if (m_pool && m_connection)
        m_pool->giveBack(std::move(m_connection));
}

PgPool::Handle PgPool::take(QString& error)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return Handle(this, std::move(connection));
        }
    }
    auto connection = PgConnection::open(m_url, error);
    return connection ? Handle(this, std::move(connection)) : Handle();
}

void PgPool::giveBack(std::unique_ptr<PgConnection> connection)
{
    if (!connection->isUsable())
        return;
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(connection));
}

} // namespace bfs
