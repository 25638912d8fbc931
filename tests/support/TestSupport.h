#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace bfs {
class Workspace;
}

namespace bfs::test {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    nlohmann::json json() const; // stdout parsed (fails the test on a parse error)
};

// Runs the real backfill-studio-cli with `arguments`; waits up to `timeoutMs`.
CliRun runCli(const QStringList& arguments, int timeoutMs = 120000, const QStringList& extraEnv = {});
// The same for any program (e.g. setpriv wrapping the CLI); `extraEnv` is "NAME=value" pairs.
CliRun runProgram(
    const QString& program, const QStringList& arguments, int timeoutMs = 120000, const QStringList& extraEnv = {});

// True when any file under `dir` (recursively) holds `needle`: a secret leaked to disk.
bool anyFileContains(const QString& dir, const QByteArray& needle);

// Keeps a GUI test's QSettings and app-data folders inside `dir` (never the user's),
// under the application name `app`.
void isolateSettings(const QString& dir, const QString& app);

// The workspace in `dir`, created when missing, as the window hands it to its pages; a workspace
// that cannot be opened ends the test with the reason.
Workspace workspaceAt(const QString& dir);

// Executes SQL statements (separated by ";\n") against a SQLite file, creating it.
// Returns an empty string on success, the error otherwise.
QString execSql(const QString& path, const QString& script);
// First column of the first row as text, or "NULL".
QString queryScalar(const QString& path, const QString& sql);

} // namespace bfs::test
