#include "PgServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

namespace bfs::test {

namespace {
bool isRoot()
{
    return ::geteuid() == 0;
}
} // namespace

PgServer::PgServer() = default;

PgServer::~PgServer()
{
    if (m_running) {
        QString ignored;
        run(m_bin + QStringLiteral("/pg_ctl"),
            { QStringLiteral("-D"), m_dir->path() + QStringLiteral("/data"), QStringLiteral("-m"),
                QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") },
            ignored);
    }
}

QString PgServer::binDir()
{
    const QString configured = qEnvironmentVariable("BFS_PG_BIN");
    if (!configured.isEmpty())
        return configured;
    QDir debian(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(
        versions.begin(), versions.end(), [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
    for (const QString& v : versions) {
        if (QFile::exists(debian.filePath(v + QStringLiteral("/bin/pg_ctl"))))
            return debian.filePath(v + QStringLiteral("/bin"));
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"));
    return onPath.isEmpty() ? QString() : QFileInfo(onPath).absolutePath();
}

QStringList PgServer::asServerUser(const QString& program, const QStringList& arguments, QString& runner) const
{
    if (!isRoot()) {
        runner = program;
        return arguments;
    }
    runner = QStringLiteral("setpriv");
    return QStringList { QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
        QStringLiteral("--clear-groups"), QStringLiteral("--"), program }
    + arguments;
}

bool PgServer::run(const QString& program, const QStringList& arguments, QString& error, QByteArray* out) const
{
    QString runner;
    const QStringList args = asServerUser(program, arguments, runner);
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(Password));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(env);
    process.start(runner, args);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        error = QStringLiteral("%1 failed: %2 %3")
                    .arg(QFileInfo(program).fileName(), QString::fromLocal8Bit(process.readAllStandardError()),
                        process.errorString());
        return false;
    }
    if (out)
        *out = process.readAllStandardOutput();
    return true;
}

bool PgServer::start(QString& error)
{
    m_bin = binDir();
    if (m_bin.isEmpty()) {
        error = QStringLiteral("PostgreSQL's initdb/pg_ctl not found (install postgresql, or set BFS_PG_BIN)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/bfs-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    const QString pwfile = m_dir->path() + QStringLiteral("/pwfile");
    QFile pw(pwfile);
    if (!pw.open(QIODevice::WriteOnly) || pw.write(Password) < 0) {
        error = QStringLiteral("cannot write %1").arg(pwfile);
        return false;
    }
    pw.close();
    if (isRoot()) {
        const passwd* nobody = ::getpwnam("nobody");
        if (!nobody || ::chown(QFile::encodeName(m_dir->path()).constData(), nobody->pw_uid, nobody->pw_gid) != 0
            || ::chown(QFile::encodeName(pwfile).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            error = QStringLiteral("cannot hand %1 to user nobody").arg(m_dir->path());
            return false;
        }
    }
    const QString data = m_dir->path() + QStringLiteral("/data");
    if (!run(m_bin + QStringLiteral("/initdb"),
            { QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("bfs"),
                QStringLiteral("--pwfile=") + pwfile, QStringLiteral("--auth=scram-sha-256"), QStringLiteral("-E"),
                QStringLiteral("UTF8"), QStringLiteral("--no-locale"), QStringLiteral("--no-sync") },
            error))
        return false;
    // A free port: bind one, release it, hand it to the server (a race only with another test
    // doing the same within milliseconds; start() fails loudly if it happens).
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            error = QStringLiteral("no free loopback port");
            return false;
        }
        m_port = probe.serverPort();
    }
    const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -c unix_socket_directories='' "
                                           "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                                           "-c max_connections=200")
                                .arg(m_port);
    if (!run(m_bin + QStringLiteral("/pg_ctl"),
            { QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                m_dir->path() + QStringLiteral("/server.log"), QStringLiteral("-w"), QStringLiteral("-t"),
                QStringLiteral("60"), QStringLiteral("start") },
            error)) {
        QFile log(m_dir->path() + QStringLiteral("/server.log"));
        if (log.open(QIODevice::ReadOnly))
            error += QString::fromLocal8Bit(log.readAll().right(2000));
        return false;
    }
    m_running = true;
    return true;
}

bool PgServer::createDatabase(const QString& name, QString& error)
{
    return run(m_bin + QStringLiteral("/createdb"),
        { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-U"), QStringLiteral("bfs"), name },
        error);
}

QString PgServer::url(const QString& database) const
{
    return QStringLiteral("postgresql://bfs@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QByteArray PgServer::dump(const QString& database, QString& error) const
{
    QByteArray out;
    run(m_bin + QStringLiteral("/pg_dump"),
        { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-U"), QStringLiteral("bfs"), QStringLiteral("--data-only"), database },
        error, &out);
    return out;
}

} // namespace bfs::test
