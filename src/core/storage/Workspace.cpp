#include "Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace bfs {

namespace {
const QString TeamBinding = QStringLiteral("team.json");
} // namespace

Workspace::Workspace(QString dir)
    : m_dir(std::move(dir))
{
}

QString Workspace::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/default-workspace");
}

QString Workspace::outputPathProblem(const QString& workspaceDir, const QString& path)
{
    // Resolve what exists: the workspace folder, and the target itself or else its folder.
    auto resolved = [](const QString& file) {
        const QFileInfo info(file);
        if (info.exists())
            return info.canonicalFilePath();
        const QString parent = QFileInfo(info.absolutePath()).canonicalFilePath();
        return parent.isEmpty() ? info.absoluteFilePath() : QDir(parent).filePath(info.fileName());
    };
    const QString workspace = QFileInfo(workspaceDir).canonicalFilePath();
    if (workspace.isEmpty())
        return {}; // no workspace yet: nothing in it to destroy
    const QString target = resolved(path);
    const Workspace inside(workspace);
    for (const QString& suffix :
        { QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal") }) {
        if (target == resolved(inside.databasePath() + suffix))
            return QStringLiteral("%1 is the workspace's database%2: writing there would destroy it")
                .arg(path, suffix.isEmpty() ? QString() : QStringLiteral(" (%1 file)").arg(suffix.mid(1)));
    }
    const QString raw = resolved(inside.rawDir());
    if (target == raw || target.startsWith(raw + u'/'))
        return QStringLiteral("%1 is inside the workspace's raw/ folder, which holds the API's answers").arg(path);
    return {};
}

QString Workspace::databaseLabel() const
{
    return m_database ? m_database->redacted() : databasePath();
}

QString Workspace::databasePath() const
{
    return m_dir + QStringLiteral("/workspace.sqlite");
}
QString Workspace::rawDir() const
{
    return m_dir + QStringLiteral("/raw");
}
QString Workspace::reportsDir() const
{
    return m_dir + QStringLiteral("/reports");
}

namespace {

// Why this process cannot write `path` (a read-only mount, permissions), or empty when it can or
// the path does not exist yet.
QString writeProblem(const QString& path)
{
    if (::access(QFile::encodeName(path).constData(), W_OK) == 0 || errno == ENOENT)
        return {};
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

std::optional<Workspace> Workspace::open(const QString& dir, QString& error, Access access)
{
    if (dir.trimmed().isEmpty()) {
        error = QStringLiteral("no workspace folder given");
        return std::nullopt;
    }
    const QString absolute = QDir(dir).absolutePath();
    const QFileInfo info(absolute);
    if (info.exists() && !info.isDir()) {
        error = QStringLiteral("workspace %1 is a file, not a folder").arg(absolute);
        return std::nullopt;
    }
    if (QFileInfo::exists(QDir(absolute).filePath(TeamBinding))) {
        const auto team = boundTeam(absolute, error);
        return team ? openTeam(absolute, *team, error) : std::nullopt;
    }
    Workspace workspace(absolute);
    for (const QString& path : { workspace.m_dir, workspace.databasePath() }) {
        if (const QString problem = writeProblem(path); !problem.isEmpty()) {
            if (access == Access::Read)
                return openReadOnly(std::move(workspace), problem, error);
            error = QStringLiteral("workspace %1 is read-only (%2: %3); this command needs to write to it")
                        .arg(absolute, path, problem);
            return std::nullopt;
        }
    }
    if (!prepareFolders({ workspace.m_dir, workspace.rawDir(), workspace.reportsDir() }, error))
        return std::nullopt;
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    if (!migrateSchema(connection, error)) {
        error = QStringLiteral("workspace database %1: %2").arg(workspace.databasePath(), error);
        return std::nullopt;
    }
    return workspace;
}

bool Workspace::bindTeam(const QString& dir, const std::optional<DatabaseUrl>& database, QString& error)
{
    const QString path = QDir(dir).filePath(TeamBinding);
    if (!database) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(dir)) {
        error = QStringLiteral("cannot create folder %1").arg(dir);
        return false;
    }
    QSaveFile file(path);
    const nlohmann::json binding = { { "database", database->withoutPassword().toStdString() } };
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(binding.dump(2) + '\n')) < 0
        || !file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<DatabaseUrl> Workspace::boundTeam(const QString& dir, QString& error)
{
    const QString path = QDir(dir).filePath(TeamBinding);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto binding = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!binding.is_object() || !binding.contains("database") || !binding["database"].is_string()) {
        error = QStringLiteral("%1 does not name a team database (expected {\"database\": \"postgresql://…\"})")
                    .arg(path);
        return std::nullopt;
    }
    auto url = DatabaseUrl::parse(QString::fromStdString(binding["database"].get<std::string>()), error);
    if (!url)
        error = QStringLiteral("%1: %2").arg(path, error);
    return url;
}

bool Workspace::prepareFolders(const QStringList& folders, QString& error)
{
    for (const QString& sub : folders) {
        if (!QDir().mkpath(sub)) {
            error = QStringLiteral("cannot create folder %1").arg(sub);
            return false;
        }
    }
    return true;
}

std::optional<Workspace> Workspace::openTeam(const QString& dir, const DatabaseUrl& database, QString& error)
{
    if (dir.trimmed().isEmpty()) {
        error = QStringLiteral("no workspace folder given (team mode keeps this machine's reports there)");
        return std::nullopt;
    }
    Workspace workspace(QDir(dir).absolutePath());
    workspace.m_database = database;
    if (!prepareFolders({ workspace.m_dir, workspace.reportsDir() }, error))
        return std::nullopt;
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    if (!migrateSchema(connection, error)) {
        error = QStringLiteral("team database %1: %2").arg(database.redacted(), error);
        return std::nullopt;
    }
    return workspace;
}

std::optional<Workspace> Workspace::openReadOnly(Workspace workspace, const QString& reason, QString& error)
{
    if (!QFileInfo(workspace.databasePath()).isFile()) {
        error = QStringLiteral("workspace %1 is read-only (%2) and holds no database").arg(workspace.m_dir, reason);
        return std::nullopt;
    }
    workspace.m_readOnly = true;
    const DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    // Every schema file must already be applied: a read-only database cannot be upgraded.
    for (const QString& name : schemaVersions()) {
        if (!connection.scalar(QStringLiteral("SELECT 1 FROM schema_migrations WHERE name = ?"), { name }).isValid()) {
            error = QStringLiteral("workspace %1 is read-only (%2) and its database needs an upgrade (%3); "
                                   "open it once where it can be written")
                        .arg(workspace.m_dir, reason, name);
            return std::nullopt;
        }
    }
    return workspace;
}

DbConnection Workspace::connect(QString& error) const
{
    if (m_database)
        return DbConnection::openPostgres(*m_database, error);
    return m_readOnly ? DbConnection::openSqliteReadOnly(databasePath(), error)
                      : DbConnection::openSqlite(databasePath(), error);
}

QStringList schemaVersions()
{
    QStringList versions
        = QDir(QStringLiteral(":/sql")).entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name);
    versions.removeIf([](const QString& name) { return name.endsWith(QStringLiteral(".pg.sql")); });
    return versions;
}

namespace {

// The statements of one schema version in the connection's dialect.
std::optional<QStringList> schemaStatements(const DbConnection& connection, const QString& version, QString& error)
{
    QString path = QStringLiteral(":/sql/") + version;
    if (connection.isPostgres()) {
        const QString dialect = QStringLiteral(":/sql/%1.pg.sql").arg(version.chopped(4));
        if (QFileInfo::exists(dialect))
            path = dialect;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read schema %1").arg(version);
        return std::nullopt;
    }
    // Statements are separated by ";" at the end of a line; schema files hold no triggers or
    // string literals containing that sequence.
    QStringList statements;
    for (const QString& statement :
        QString::fromUtf8(file.readAll()).split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        QStringList lines = statement.trimmed().split(u'\n');
        lines.removeIf([](const QString& line) { return line.trimmed().startsWith(QStringLiteral("--")); });
        QString sql = lines.join(u'\n').trimmed();
        if (sql.endsWith(u';'))
            sql.chop(1);
        if (!sql.isEmpty())
            statements.append(sql);
    }
    return statements;
}

bool applyVersions(const DbConnection& connection, QString& error)
{
    if (!connection.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                        "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"),
            error))
        return false;
    const QStringList versions = schemaVersions();
    QSqlQuery applied(connection.db());
    if (!applied.exec(QStringLiteral("SELECT name FROM schema_migrations ORDER BY name"))) {
        error = applied.lastError().text();
        return false;
    }
    while (applied.next()) {
        if (const QString name = applied.value(0).toString(); !versions.contains(name)) {
            error = QStringLiteral("the database was made by a newer Backfill Studio (schema %1; this version knows "
                                   "schemas up to %2): upgrade Backfill Studio to use it")
                        .arg(name, versions.last());
            return false;
        }
    }
    // SQLite: several connections may open the same workspace at once (a screen's background
    // refresh and a run starting): take the write lock first, then check again, so exactly one
    // of them applies each file. PostgreSQL: the caller holds the advisory lock.
    const QString begin = connection.isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
    for (const QString& name : versions) {
        if (connection.scalar(QStringLiteral("SELECT 1 FROM schema_migrations WHERE name = ?"), { name }).isValid())
            continue;
        const auto statements = schemaStatements(connection, name, error);
        if (!statements)
            return false;
        if (!connection.exec(begin, error)) {
            error = QStringLiteral("schema %1: %2").arg(name, error);
            return false;
        }
        auto rollback = [&connection] {
            QString ignored;
            connection.exec(QStringLiteral("ROLLBACK"), ignored);
        };
        if (connection.scalar(QStringLiteral("SELECT 1 FROM schema_migrations WHERE name = ?"), { name }).isValid()) {
            rollback();
            continue;
        }
        for (const QString& sql : *statements) {
            if (!connection.exec(sql, error)) {
                error = QStringLiteral("schema %1: %2").arg(name, error);
                rollback();
                return false;
            }
        }
        QSqlQuery record(connection.db());
        record.prepare(QStringLiteral("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)"));
        record.addBindValue(name);
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!record.exec()) {
            error = QStringLiteral("schema %1: %2").arg(name, record.lastError().text());
            rollback();
            return false;
        }
        if (!connection.exec(QStringLiteral("COMMIT"), error)) {
            error = QStringLiteral("schema %1: %2").arg(name, error);
            rollback();
            return false;
        }
    }
    return true;
}

} // namespace

bool migrateSchema(const DbConnection& connection, QString& error)
{
    if (!connection.isPostgres())
        return applyVersions(connection, error);
    // One key for every Backfill Studio schema migration: instances starting together wait
    // for the first one, then find every version applied.
    static constexpr const char* Lock = "SELECT pg_advisory_lock(4242016001)";
    static constexpr const char* Unlock = "SELECT pg_advisory_unlock(4242016001)";
    if (!connection.exec(QString::fromLatin1(Lock), error))
        return false;
    const bool ok = applyVersions(connection, error);
    QString ignored;
    connection.exec(QString::fromLatin1(Unlock), ignored);
    return ok;
}

} // namespace bfs
