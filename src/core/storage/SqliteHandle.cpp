#include "SqliteHandle.h"

#include <utility>

namespace bfs {

namespace {

// Set before SQLite initialises (static initialisers run before main): no allocation
// statistics. They take a global mutex on every allocation SQLite makes, ~25 % of the
// CPU of encoding and sorting a season of betting lines; nothing here reads them.
[[maybe_unused]] const bool memoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;

} // namespace

SqliteHandle::~SqliteHandle()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

SqliteHandle::SqliteHandle(SqliteHandle&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{
}

SqliteHandle& SqliteHandle::operator=(SqliteHandle&& other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

SqliteHandle SqliteHandle::open(const QString& path, Mode mode, QString& error)
{
    SqliteHandle handle;
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX;
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &handle.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        error = QStringLiteral("cannot open %1: %2")
                    .arg(path, handle.m_db ? handle.lastError() : QString::fromUtf8(sqlite3_errstr(rc)));
        return SqliteHandle();
    }
    sqlite3_busy_timeout(handle.m_db, 30000);
    return handle;
}

SqliteHandle SqliteHandle::openPrivateMemory(QString& error)
{
    // The memdb VFS (not plain ":memory:") so that sqlite3_serialize can hand the whole
    // database over as one image; a name without a leading '/' is private to this handle.
    SqliteHandle handle;
    const int rc = sqlite3_open_v2("file:bfs-private?vfs=memdb", &handle.m_db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        error = QStringLiteral("cannot open an in-memory database: %1")
                    .arg(handle.m_db ? handle.lastError() : QString::fromUtf8(sqlite3_errstr(rc)));
        return SqliteHandle();
    }
    return handle;
}

bool SqliteHandle::exec(const char* sql, QString& error) const
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return false;
}

QString SqliteHandle::lastError() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

} // namespace bfs
