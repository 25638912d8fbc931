#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace bfs {

// A team database (team.md): `postgresql://USER@HOST:PORT/DBNAME?libpq-parameters`. The password
// normally comes from PGPASSWORD or ~/.pgpass (libpq reads both itself) or, in the GUI, the
// keychain; one written into the URL is accepted but, like any password, never shown: every text
// meant for people (messages, run records, reports) uses redacted(), which prints `USER:***@HOST`.
class DatabaseUrl {
public:
    // Empty optional and `error` naming the problem for anything but a postgresql:// (or
    // postgres://) URL with a host and a database name.
    static std::optional<DatabaseUrl> parse(const QString& text, QString& error);

    QString user() const { return m_user; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString databaseName() const { return m_database; }
    // The libpq parameters after `?` (sslmode, connect_timeout, …), passed through as given.
    const QList<QPair<QString, QString>>& parameters() const { return m_parameters; }

    // For people: postgresql://USER:***@HOST:PORT/DB?… — never the password, whether or not one
    // was given, so a reader cannot tell either way.
    QString redacted() const;
    // The URL as written, without any password: what a workspace folder may keep (team.json).
    QString withoutPassword() const;
    // The same URL with `password` for this process only (the GUI's keychain entry).
    DatabaseUrl withPassword(const QString& password) const;
    // For libpq (PQconnectdb): keyword=value pairs, values quoted; carries the URL's password if
    // it had one. Never print it.
    QByteArray connectionInfo() const;
    // The password written into the URL, if any (QPSQL takes it apart from the options).
    QString password() const { return m_password; }

private:
    QString m_user, m_password, m_host, m_database;
    int m_port = 5432;
    QList<QPair<QString, QString>> m_parameters;
};

} // namespace bfs
