// Demo mode's workspace: sample races and predictions created once, imported, reused.
#include "TestSupport.h"
#include "demo/DemoWorkspace.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;

class TestDemoWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prepareCreatesEverythingOnceAndReusesIt()
    {
        QTemporaryDir dir;
        QString error;
        QStringList lines;
        const auto setup = DemoWorkspace::prepare(
            dir.filePath(QStringLiteral("demo")), error, [&lines](const QString& line) { lines << line; });
        QVERIFY2(setup, qPrintable(error));
        QVERIFY(QFileInfo::exists(setup->workspaceDir + QStringLiteral("/workspace.sqlite")));
        QVERIFY(QFileInfo::exists(setup->workspaceDir + QStringLiteral("/raw")));
        QCOMPARE(test::queryScalar(setup->raceDatabase, QStringLiteral("SELECT count(*) FROM races")),
            QString::number(DemoWorkspace::SampleRaces));
        const QString predictions = test::queryScalar(setup->workspaceDir + QStringLiteral("/workspace.sqlite"),
            QStringLiteral("SELECT count(*) FROM predictions"));
        QVERIFY2(predictions.toInt() > 300, qPrintable(predictions)); // ~15 games × 2 starters × 21 days
        QCOMPARE(lines.last(), QStringLiteral("Demo workspace ready"));
        QVERIFY(!setup->apiKey.isEmpty());
        QCOMPARE(setup->simulator.requiredKey, setup->apiKey);
        QVERIFY(setup->start <= setup->end);

        // Second start: nothing is regenerated or re-imported.
        const QDateTime racesWritten = QFileInfo(setup->raceDatabase).lastModified();
        lines.clear();
        const auto again
            = DemoWorkspace::prepare(setup->workspaceDir, error, [&lines](const QString& line) { lines << line; });
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(QFileInfo(setup->raceDatabase).lastModified(), racesWritten);
        QCOMPARE(lines,
            QStringList({ QStringLiteral("Opening the demo workspace…"), QStringLiteral("Demo workspace ready") }));
        QCOMPARE(test::queryScalar(setup->workspaceDir + QStringLiteral("/workspace.sqlite"),
                     QStringLiteral("SELECT count(*) FROM predictions")),
            predictions);
    }

    void prepareRefusesAFileAsWorkspace()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("not-a-folder"));
        QCOMPARE(test::execSql(file, QStringLiteral("CREATE TABLE t (x)")), QString());
        QString error;
        QVERIFY(!DemoWorkspace::prepare(file, error));
        QVERIFY2(error.contains(QStringLiteral("is a file, not a folder")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
