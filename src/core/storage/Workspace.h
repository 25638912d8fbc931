#pragma once

#include "DbConnection.h"

#include <QString>

#include <optional>

namespace bfs {

// A workspace folder: workspace.sqlite (partitions, runs, betting lines, predictions,
// results), raw/ (API snapshots) and reports/. Everything needed to resume lives here.
class Workspace {
public:
    enum class Access {
        ReadWrite, // a command that stores something: a folder it cannot write is an error
        Read,      // a command that only reads (status, report, evaluate): works on read-only media
    };
    // Creates the folder, its sub-folders and the database when missing, and brings
    // the schema up to date. `error` names what went wrong. With Access::Read, a workspace
    // this process cannot write is opened read-only instead (it must exist, with its schema
    // up to date) and isReadOnly() says so.
    static std::optional<Workspace> open(const QString& dir, QString& error, Access access = Access::ReadWrite);
    // The platform's application-data folder + "/default-workspace".
    static QString defaultDir();
    // Empty when `path` may receive an export; otherwise why not: the workspace's database (or its
    // -wal/-shm/-journal files) or anything under raw/, which an export would destroy. Symlinks and
    // relative paths are resolved first.
    static QString outputPathProblem(const QString& workspaceDir, const QString& path);

    QString dir() const { return m_dir; }
    bool isReadOnly() const { return m_readOnly; }
    QString databasePath() const;
    QString rawDir() const;
    QString reportsDir() const;

    // A connection for the calling thread (see DbConnection); read-only when isReadOnly().
    DbConnection connect(QString& error) const;

private:
    explicit Workspace(QString dir);
    static std::optional<Workspace> openReadOnly(Workspace workspace, const QString& reason, QString& error);
    QString m_dir;
    bool m_readOnly = false;
};

// Applies the schema files compiled in under :/sql (NNN_name.sql, in name order),
// each once, recorded in schema_migrations. Statements are portable SQL.
bool migrateSchema(const DbConnection& connection, QString& error);

} // namespace bfs
