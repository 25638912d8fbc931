// A workspace this process cannot write (read-only media, another user's folder): the commands
// that only read — status, evaluate without an import, report — work and give the numbers they
// gave before; the commands that write say "read-only" and change nothing. Run as root (CI), the
// read-only commands run as user nobody through setpriv, for whom the folder is read-only.
#include "TestSupport.h"

#include "simulator/SimulatorServer.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace bfs;
using namespace bfs::test;

namespace {

const QString Key = QStringLiteral("readonly-test-key");

// Every file of the workspace with its size and modification time: equal listings, nothing changed.
QStringList listing(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        files << QStringLiteral("%1 %2 %3")
                     .arg(info.filePath())
                     .arg(info.size())
                     .arg(info.lastModified().toMSecsSinceEpoch());
    }
    files.sort();
    return files;
}

void setWritable(const QString& dir, bool writable)
{
    const auto dirs = writable ? QFileDevice::Permissions(0x7755) : QFileDevice::Permissions(0x5555);
    const auto files = writable ? QFileDevice::Permissions(0x6644) : QFileDevice::Permissions(0x4444);
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile::setPermissions(path, QFileInfo(path).isDir() ? dirs : files);
    }
    QFile::setPermissions(dir, dirs);
}

} // namespace

class TestReadOnly : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_out; // writable by anyone: where a report may go
    nlohmann::json m_evaluation;
    nlohmann::json m_status;

    // The CLI as a user who cannot write the workspace.
    CliRun runReadOnly(const QStringList& arguments)
    {
        const QStringList env { QStringLiteral("HOME=") + m_out, QStringLiteral("XDG_CONFIG_HOME=") + m_out,
            QStringLiteral("ODDS_API_KEY=") + Key };
        if (::geteuid() != 0)
            return runCli(arguments, 120000, env);
        return runProgram(QStringLiteral("setpriv"),
            QStringList { QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                QStringLiteral("--clear-groups"), QStringLiteral(BFS_CLI_PATH) }
                + arguments,
            120000, env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile::setPermissions(m_dir.path(), QFileDevice::Permissions(0x7755)); // others may enter
        m_workspace = m_dir.filePath(QStringLiteral("workspace"));
        m_out = m_dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(m_out));
        QFile::setPermissions(m_out, QFileDevice::Permissions(0x7777));

        sim::SimulatorOptions options;
        options.seed = 5;
        options.requiredKey = Key;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        CliRun run = runCli({ QStringLiteral("backfill"), QStringLiteral("--workspace"), m_workspace,
                                QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
                                QStringLiteral("2024-05-03"), QStringLiteral("--api-base"), server.baseUrl(),
                                QStringLiteral("--rate"), QStringLiteral("500"), QStringLiteral("--json") },
            120000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), m_workspace });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString predictions = m_dir.filePath(QStringLiteral("predictions.csv"));
        run = runCli({ QStringLiteral("sample-predictions"), QStringLiteral("--out"), predictions,
            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
            QStringLiteral("2024-05-03"), QStringLiteral("--seed"), QStringLiteral("5") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--predictions"), predictions, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_evaluation = run.json();
        QVERIFY(m_evaluation["bets"].get<int>() > 0);
        run = runCli(
            { QStringLiteral("status"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_status = run.json();
        QVERIFY(!QFileInfo::exists(m_workspace + QStringLiteral("/workspace.sqlite-wal"))); // closed cleanly

        setWritable(m_workspace, false);
        if (::geteuid() != 0 && QFileInfo(m_workspace).isWritable())
            QSKIP("this file system ignores permissions");
    }

    void cleanupTestCase() { setWritable(m_workspace, true); }

    void readingCommandsGiveTheSameNumbers()
    {
        const QStringList before = listing(m_workspace);
        const auto evaluation = runReadOnly(
            { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QVERIFY2(evaluation.exitCode == 0, evaluation.err.constData());
        QVERIFY2(evaluation.json() == m_evaluation, evaluation.out.constData());
        QVERIFY2(evaluation.err.contains("is read-only; this evaluation is not recorded in its run history"),
            evaluation.err.constData());

        const auto status = runReadOnly(
            { QStringLiteral("status"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QVERIFY2(status.json() == m_status, status.out.constData());

        const QString out = m_out + QStringLiteral("/report.json");
        const auto report = runReadOnly({ QStringLiteral("report"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), out });
        QVERIFY2(report.exitCode == 0, report.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(file.readAll().toStdString());
        QCOMPARE(json["hit_rate"].get<double>(), m_evaluation["hit_rate"].get<double>());
        QVERIFY2(json["phase1"] == m_status["phase1"], json["phase1"].dump().c_str());

        QCOMPARE(listing(m_workspace), before); // not a byte, not a -wal or -shm file
    }

    void writingCommandsSayReadOnly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("load") << QStringList { QStringLiteral("load") };
        QTest::newRow("backfill") << QStringList { QStringLiteral("backfill"), QStringLiteral("--start"),
            QStringLiteral("2024-05-01"), QStringLiteral("--end"), QStringLiteral("2024-05-04"),
            QStringLiteral("--api-base"), QStringLiteral("http://127.0.0.1:9") };
        QTest::newRow("import") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--predictions"),
            QStringLiteral(BFS_TEST_DATA "/../../README.md") };
    }
    void writingCommandsSayReadOnly()
    {
        QFETCH(QStringList, arguments);
        const QStringList before = listing(m_workspace);
        const auto run = runReadOnly(arguments + QStringList { QStringLiteral("--workspace"), m_workspace });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("is read-only (") && run.err.contains("this command needs to write to it"),
            run.err.constData());
        QCOMPARE(listing(m_workspace), before);
    }
};

QTEST_GUILESS_MAIN(TestReadOnly)
#include "tst_readonly.moc"
