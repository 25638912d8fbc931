#include "DbConnection.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>

namespace bfs {

namespace {
QAtomicInteger<quint64> connectionCounter;
}

DbConnection::~DbConnection()
{
    close();
}

DbConnection::DbConnection(DbConnection&& other) noexcept
    : m_name(std::exchange(other.m_name, {}))
{
}

DbConnection& DbConnection::operator=(DbConnection&& other) noexcept
{
    if (this != &other) {
        close();
        m_name = std::exchange(other.m_name, {});
    }
    return *this;
}

void DbConnection::close()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
}

DbConnection DbConnection::openSqliteReadOnly(const QString& path, QString& error)
{
    DbConnection connection;
    const QString name = QStringLiteral("bfs-%1-%2").arg(quintptr(QThread::currentThreadId())).arg(++connectionCounter);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    connection.m_name = name;
    // A -wal file may hold committed rows not yet in the main file: read it (SQLite can use an
    // existing -shm read-only). Without one, the main file is all there is.
    const bool walPresent = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    uri.setQuery(walPresent ? QStringLiteral("mode=ro") : QStringLiteral("immutable=1"));
    db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=30000"));
    if (!db.open()) {
        error = QStringLiteral("cannot open database %1 for reading: %2").arg(path, db.lastError().text());
        connection.close();
    }
    return connection;
}

DbConnection DbConnection::openSqlite(const QString& path, QString& error, Journal journal)
{
    DbConnection connection;
    const QString name = QStringLiteral("bfs-%1-%2").arg(quintptr(QThread::currentThreadId())).arg(++connectionCounter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        connection.m_name = name;
        if (!db.open()) {
            error = QStringLiteral("cannot open database %1: %2").arg(path, db.lastError().text());
            connection.close();
            return connection;
        }
    }
    QList<const char*> pragmas { "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON" };
    if (journal == Journal::Wal) {
        // 16 KiB pages (set before WAL; a no-op on existing files): bulk inserts such as a
        // season of betting lines cost ~25 % less CPU than with the 4 KiB default.
        pragmas = QList<const char*> { "PRAGMA page_size=16384", "PRAGMA journal_mode=WAL" } + pragmas;
    }
    for (const auto* pragma : pragmas) {
        // Switching a new file to WAL needs a moment alone with it: when several
        // connections open the same new workspace at once, the others see "locked" (the
        // busy timeout does not cover this pragma) and try again.
        bool ok = connection.exec(QString::fromLatin1(pragma), error);
        for (int attempt = 0; !ok && attempt < 100 && error.contains(QStringLiteral("locked")); ++attempt) {
            QThread::msleep(10);
            ok = connection.exec(QString::fromLatin1(pragma), error);
        }
        if (!ok) {
            error = QStringLiteral("database %1 is not usable: %2").arg(path, error);
            connection.close();
            return connection;
        }
    }
    return connection;
}

DbConnection DbConnection::openPostgres(const DatabaseUrl& url, QString& error)
{
    DbConnection connection;
    connection.m_name = QStringLiteral("bfs-%1-%2").arg(quintptr(QThread::currentThreadId())).arg(++connectionCounter);
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection.m_name);
        if (!db.isValid()) {
            error
                = QStringLiteral("cannot use %1: Qt's PostgreSQL driver (QPSQL) is not installed").arg(url.redacted());
        } else {
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setDatabaseName(url.databaseName());
            db.setUserName(url.user());
            if (!url.password().isEmpty())
                db.setPassword(url.password());
            QStringList options;
            bool timeout = false;
            for (const auto& [key, value] : url.parameters()) {
                options.append(key + u'=' + value);
                timeout = timeout || key == u"connect_timeout";
            }
            if (!timeout)
                options.append(QStringLiteral("connect_timeout=10"));
            db.setConnectOptions(options.join(u';'));
            opened = db.open();
            if (!opened) {
                const QSqlError e = db.lastError();
                error = QStringLiteral("cannot connect to %1: %2")
                            .arg(url.redacted(), (e.databaseText().isEmpty() ? e.text() : e.databaseText()).trimmed());
            }
        }
    }
    if (!opened) {
        connection.close();
        return connection;
    }
    QString ignored;
    connection.exec(QStringLiteral("SET client_min_messages = warning"), ignored);
    return connection;
}

bool DbConnection::isPostgres() const
{
    return driverName() == u"QPSQL";
}

QString DbConnection::nowMsSql(bool postgres)
{
    return postgres ? QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)")
                    : QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
}

QSqlDatabase DbConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}

QString DbConnection::driverName() const
{
    return db().driverName();
}

bool DbConnection::exec(const QString& sql, QString& error) const
{
    QSqlQuery query(db());
    if (query.exec(sql))
        return true;
    error = query.lastError().text();
    return false;
}

QVariant DbConnection::scalar(const QString& sql, const QVariantList& bindings) const
{
    QSqlQuery query(db());
    if (!query.prepare(sql))
        return {};
    for (const auto& value : bindings)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

DbTransaction::DbTransaction(const QSqlDatabase& db)
    : m_db(db)
    , m_active(m_db.transaction())
{
}

DbTransaction::~DbTransaction()
{
    if (m_active)
        m_db.rollback();
}

bool DbTransaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    return m_db.commit();
}

} // namespace bfs
