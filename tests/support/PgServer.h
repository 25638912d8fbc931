#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace bfs::test {

// A real PostgreSQL server for one test: initdb into a temporary folder, pg_ctl on a free
// loopback port (no Unix socket), password authentication (scram-sha-256) for user "bfs", and
// fsync off (a test's data need not survive a power cut). PostgreSQL refuses to run as root, so
// under root (CI's fresh root) the server runs as user nobody through setpriv. Stopped and
// removed when the object goes.
class PgServer {
public:
    static constexpr const char* Password = "s3cret-Pg-pass";

    PgServer();
    ~PgServer();
    // The folder of initdb and pg_ctl: BFS_PG_BIN, /usr/lib/postgresql/<newest>/bin, or PATH.
    // Empty when PostgreSQL is not installed.
    static QString binDir();
    // Starts the server; on failure `error` says why (the server's log included).
    bool start(QString& error);
    // Creates a database; true on success.
    bool createDatabase(const QString& name, QString& error);
    int port() const { return m_port; }
    // postgresql://bfs@127.0.0.1:PORT/NAME (no password: it travels in PGPASSWORD).
    QString url(const QString& database) const;
    QStringList environment() const { return { QStringLiteral("PGPASSWORD=") + QString::fromLatin1(Password) }; }
    // Every row of every table of `database` as text (pg_dump --data-only), for secret checks.
    QByteArray dump(const QString& database, QString& error) const;

private:
    QStringList asServerUser(const QString& program, const QStringList& arguments, QString& runner) const;
    bool run(const QString& program, const QStringList& arguments, QString& error, QByteArray* out = nullptr) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    int m_port = 0;
    bool m_running = false;
};

} // namespace bfs::test
