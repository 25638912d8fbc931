// Workspace: folders and schema created once, even when several threads open the same
// new workspace at the same moment (a screen's refresh and a run starting).
#include "TestSupport.h"
#include "storage/Workspace.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace bfs;

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsFoldersAndSchema()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.filePath(QStringLiteral("ws")), error);
        QVERIFY2(workspace, qPrintable(error));
        for (const QString& path : { workspace->databasePath(), workspace->rawDir(), workspace->reportsDir() })
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        const QString applied
            = test::queryScalar(workspace->databasePath(), QStringLiteral("SELECT count(*) FROM schema_migrations"));
        QVERIFY(applied.toInt() >= 3);
        QVERIFY(Workspace::open(workspace->dir(), error)); // reopening applies nothing twice
        QCOMPARE(test::queryScalar(workspace->databasePath(), QStringLiteral("SELECT count(*) FROM schema_migrations")),
            applied);
    }

    void concurrentOpensMigrateOnce()
    {
        for (int round = 0; round < 5; ++round) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("ws"));
            QList<QFuture<QString>> opens;
            for (int i = 0; i < 6; ++i)
                opens << QtConcurrent::run([path] {
                    QString error;
                    return Workspace::open(path, error) ? QString() : error;
                });
            for (auto& open : opens)
                QCOMPARE(open.result(), QString());
            // Every migration applied exactly once, and all of them.
            const QString db = path + QStringLiteral("/workspace.sqlite");
            QCOMPARE(test::queryScalar(db,
                         QStringLiteral("SELECT COUNT(*) FROM (SELECT name FROM schema_migrations GROUP BY name "
                                        "HAVING COUNT(*) > 1)")),
                QStringLiteral("0"));
            QCOMPARE(test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_migrations")).toInt(),
                int(schemaVersions().size()));
        }
    }

    void refusesAFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain.txt"));
        QCOMPARE(test::execSql(file, QStringLiteral("CREATE TABLE t (x)")), QString());
        QString error;
        QVERIFY(!Workspace::open(file, error));
        QVERIFY2(error.contains(QStringLiteral("is a file, not a folder")), qPrintable(error));
        QVERIFY(!Workspace::open(QString(), error));
        QCOMPARE(error, QStringLiteral("no workspace folder given"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
