#pragma once

#include <QString>

#include <sqlite3.h>

#include <string>

namespace bfs {

// Thin RAII over the SQLite C API for the bulk hot paths (reading a race database,
// writing hundreds of thousands of feature rows) where QSqlQuery's per-value QVariant
// round trip would cost more than SQLite itself. Everything else uses DbConnection.
class SqliteHandle {
public:
    enum class Mode { ReadOnly, ReadWriteCreate };
    SqliteHandle() = default;
    ~SqliteHandle();
    SqliteHandle(SqliteHandle&& other) noexcept;
    SqliteHandle& operator=(SqliteHandle&& other) noexcept;
    SqliteHandle(const SqliteHandle&) = delete;
    SqliteHandle& operator=(const SqliteHandle&) = delete;

    static SqliteHandle open(const QString& path, Mode mode, QString& error);
    // A new, empty in-memory database of this handle's own that sqlite3_serialize can
    // turn into one image.
    static SqliteHandle openPrivateMemory(QString& error);

    sqlite3* get() const { return m_db; }
    explicit operator bool() const { return m_db != nullptr; }
    bool exec(const char* sql, QString& error) const;
    QString lastError() const;

private:
    sqlite3* m_db = nullptr;
};

// RAII prepared statement.
class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    sqlite3_stmt* get() const { return m_stmt; }
    explicit operator bool() const { return m_stmt != nullptr; }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace bfs
