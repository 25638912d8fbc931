#pragma once

#include "storage/DbConnection.h"

#include <QString>

#include <optional>

namespace bfs {

// A workspace folder: workspace.sqlite (partitions, runs, betting lines, predictions,
// results), raw/ (API snapshots) and reports/. Everything needed to resume lives here.
class Workspace {
public:
    enum class Access {
        ReadWrite, // a command that stores something: a folder it cannot write is an error
        Read, // a command that only reads (status, report, evaluate): works on read-only media
    };
    // Creates the folder, its sub-folders and the database when missing, and brings
    // the schema up to date; a folder bound to a team database opens that (openTeam). `error` names what went wrong.
    // With Access::Read, a workspace this process cannot write is opened read-only instead (it must exist, with its
    // schema up to date) and isReadOnly() says so.
    static std::optional<Workspace> open(const QString& dir, QString& error, Access access = Access::ReadWrite);
    // Team mode (team.md): `dir` is this machine's folder (reports/); partitions, raw snapshots,
    // lines, predictions and runs live in the PostgreSQL database, whose schema the first
    // instance to connect creates (under an advisory lock, so instances starting together are safe).
    static std::optional<Workspace> openTeam(const QString& dir, const DatabaseUrl& database, QString& error);
    // A folder bound to a team database (Preferences ▸ Storage) keeps its URL, without any
    // password, in team.json; open() then opens that database. An empty optional unbinds it.
    static bool bindTeam(const QString& dir, const std::optional<DatabaseUrl>& database, QString& error);
    static std::optional<DatabaseUrl> boundTeam(const QString& dir, QString& error);
    // The platform's application-data folder + "/default-workspace".
    static QString defaultDir();
    // Empty when `path` may receive an export; otherwise why not: the workspace's database (or its
    // -wal/-shm/-journal files) or anything under raw/, which an export would destroy. Symlinks and
    // relative paths are resolved first.
    static QString outputPathProblem(const QString& workspaceDir, const QString& path);

    QString dir() const { return m_dir; }
    bool isReadOnly() const { return m_readOnly; }
    // True in team mode: several processes on several machines share the database, so work is
    // claimed under leases instead of guarded by a lock file.
    bool isTeam() const { return m_database.has_value(); }
    const std::optional<DatabaseUrl>& teamDatabase() const { return m_database; }
    // What people are shown: the SQLite file's path, or the team database's URL without its password.
    QString databaseLabel() const;
    QString databasePath() const;
    QString rawDir() const;
    QString reportsDir() const;

    // A connection for the calling thread (see DbConnection); read-only when isReadOnly().
    DbConnection connect(QString& error) const;

private:
    explicit Workspace(QString dir);
    static std::optional<Workspace> openReadOnly(Workspace workspace, const QString& reason, QString& error);
    static bool prepareFolders(const QStringList& folders, QString& error);
    QString m_dir;
    bool m_readOnly = false;
    std::optional<DatabaseUrl> m_database;
};

// The schema versions this build knows: the files compiled in under :/sql (NNN_name.sql), in
// order. NNN_name.pg.sql, where present, is the same version in PostgreSQL's dialect.
QStringList schemaVersions();
// Applies each version once, in order, recorded in schema_migrations; a database holding a
// version this build does not know (made by a newer Backfill Studio) is refused, naming both.
// On PostgreSQL the whole migration runs under an advisory lock.
bool migrateSchema(const DbConnection& connection, QString& error);

} // namespace bfs
