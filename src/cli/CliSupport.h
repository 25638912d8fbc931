#pragma once

#include "jobs/JobProgress.h"
#include "storage/Workspace.h"

#include <QCommandLineParser>
#include <QDate>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

namespace bfs {
class JobEngine;
}

namespace bfs::cli {

// Prints "backfill-studio-cli: error: <message>" on stderr and returns ExitUsage.
int usageError(const QString& message);
// Prints "backfill-studio-cli: <message>" on stderr and returns `code`.
int fail(int code, const QString& message);
void printLine(const QString& line); // stderr
void printJson(const nlohmann::json& summary); // stdout, one object
// The one rule for output (cli.md): a command's result goes to stdout — `json` with --json, else
// `human` — and everything else (progress, notes, warnings, errors) to stderr.
void printResult(bool asJson, const nlohmann::json& json, const QString& human);
// A job's outcome as the exit code (cli.md): completed → 0, or 1 when `partial` (some of its units
// failed); cancelled → 130; aborted or failed → 3.
int exitCodeFor(const JobResult& result, bool partial = false);

// --workspace DIR on commands that do not need one: record the run in its history.
QCommandLineOption workspaceHistoryOption();
// --database postgresql://USER@HOST:PORT/DB: team mode (team.md).
QCommandLineOption databaseOption();
// The command's workspace: with --database the team database (`dir` is this machine's folder,
// created when missing), else `dir`'s SQLite workspace. On failure it prints the message and sets
// `exitCode`: ExitUsage for a malformed URL, ExitFatal for anything else (unreachable, login
// refused, a newer schema) — the server's own message, the password never shown.
std::optional<Workspace> openWorkspace(
    const QCommandLineParser& parser, const QString& dir, Workspace::Access access, int& exitCode);
bool isTeamMode(const QCommandLineParser& parser);

// Human progress on stderr: an updating line (%, rate, ETA) on a terminal, a plain
// line every few seconds otherwise. `unit` names what `done` counts ("races").
class ProgressPrinter {
public:
    ProgressPrinter(JobEngine& engine, QString unit, QString itemUnit = {});
    ~ProgressPrinter();

private:
    void print(const JobProgress& progress);
    QString m_unit, m_itemUnit;
    bool m_tty;
    double m_lastPlain = -10;
    bool m_lineOpen = false;
};

// SIGINT/SIGTERM → `onCancel` on the main thread (the engine's cancel()); the
// command then exits 130 after in-flight work ends.
class CancelOnSignal {
public:
    explicit CancelOnSignal(std::function<void()> onCancel);
    ~CancelOnSignal();
    static bool requested();
};

QString formatDuration(double seconds);

} // namespace bfs::cli
