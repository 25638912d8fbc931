#include "TestSupport.h"

#include "storage/SqliteHandle.h"
#include "storage/Workspace.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace bfs::test {

nlohmann::json CliRun::json() const
{
    try {
        return nlohmann::json::parse(out.toStdString());
    } catch (const std::exception& e) {
        qWarning("stdout is not one JSON object (%s):\n%s\nstderr:\n%s", e.what(), out.constData(), err.constData());
        return nlohmann::json::object();
    }
}

CliRun runCli(const QStringList& arguments, int timeoutMs, const QStringList& extraEnv)
{
    return runProgram(QStringLiteral(BFS_CLI_PATH), arguments, timeoutMs, extraEnv);
}

CliRun runProgram(const QString& program, const QStringList& arguments, int timeoutMs, const QStringList& extraEnv)
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    for (const QString& pair : extraEnv) {
        const auto index = pair.indexOf(u'=');
        env.insert(pair.left(index), pair.mid(index + 1));
    }
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    CliRun run;
    if (!process.waitForStarted() || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out or did not start";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool anyFileContains(const QString& dir, const QByteArray& needle)
{
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

void isolateSettings(const QString& dir, const QString& app)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir + QStringLiteral("/settings"));
    QCoreApplication::setOrganizationName(QStringLiteral("BackfillStudioTest"));
    QCoreApplication::setApplicationName(app);
}

QString execSql(const QString& path, const QString& script)
{
    QString error;
    auto db = SqliteHandle::open(path, SqliteHandle::Mode::ReadWriteCreate, error);
    if (!db)
        return error;
    if (!db.exec(script.toUtf8().constData(), error))
        return error;
    return {};
}

QString queryScalar(const QString& path, const QString& sql)
{
    QString error;
    auto db = SqliteHandle::open(path, SqliteHandle::Mode::ReadOnly, error);
    if (!db)
        return error;
    SqliteStatement statement(db.get(), sql.toUtf8().constData());
    if (!statement)
        return db.lastError();
    if (sqlite3_step(statement.get()) != SQLITE_ROW)
        return QStringLiteral("NO ROW");
    if (sqlite3_column_type(statement.get(), 0) == SQLITE_NULL)
        return QStringLiteral("NULL");
    return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0)));
}

Workspace workspaceAt(const QString& dir)
{
    QString error;
    auto workspace = Workspace::open(dir, error);
    if (!workspace)
        qFatal("cannot open the workspace %s: %s", qPrintable(dir), qPrintable(error));
    return *workspace;
}

} // namespace bfs::test
