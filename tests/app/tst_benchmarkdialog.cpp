// The speedup benchmark dialog: real runs on the pool, rows as they are measured.
#include "TestSupport.h"

#include "charts/SpeedupChart.h"
#include "dialogs/BenchmarkDialog.h"
#include "features/SampleRaceDb.h"
#include "models/BenchmarkTableModel.h"

#include <QLineSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace bfs;
using namespace bfs::app;

class TestBenchmarkDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_races;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_races = m_dir.filePath(QStringLiteral("tiny.sqlite"));
        QString error;
        SampleRaceOptions options;
        options.races = 150;
        options.seed = 3;
        QVERIFY2(writeSampleRaceDb(m_races, options, error), qPrintable(error));
    }

    void defaultsMeasureACurve()
    {
        // 1 … every core with three repeats: on a 2-core machine that is two points, not one.
        BenchmarkDialog dialog;
        const auto* maxWorkers = dialog.findChild<QSpinBox*>(QStringLiteral("maxWorkersSpin"));
        const auto* repeats = dialog.findChild<QSpinBox*>(QStringLiteral("repeatSpin"));
        QVERIFY(maxWorkers && repeats);
        QCOMPARE(maxWorkers->value(), std::clamp(QThread::idealThreadCount(), 1, 64));
        QVERIFY(maxWorkers->value() >= 2 || QThread::idealThreadCount() == 1);
        QCOMPARE(repeats->value(), 3);
    }

    void measuresOneRowPerWorkerCount()
    {
        BenchmarkDialog dialog;
        dialog.setDatabase(m_races);
        dialog.setMaxWorkers(2);
        dialog.setLimit(0);
        QSignalSpy rows(&dialog, &BenchmarkDialog::rowMeasured);
        QSignalSpy finished(&dialog, &BenchmarkDialog::benchmarkFinished);
        QVERIFY(dialog.start());
        QVERIFY(dialog.isRunning());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(rows.count(), 2);
        BenchmarkTableModel* model = dialog.model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, BenchmarkTableModel::Workers).data(Qt::UserRole).toInt(), 1);
        QCOMPARE(model->index(1, BenchmarkTableModel::Workers).data(Qt::UserRole).toInt(), 2);
        QCOMPARE(model->index(0, BenchmarkTableModel::Speedup).data(Qt::UserRole).toDouble(), 1.0);
        QVERIFY(model->index(1, BenchmarkTableModel::Seconds).data(Qt::UserRole).toDouble() > 0);
        QCOMPARE(dialog.chart()->measuredSeries()->count(), 2);
        QCOMPARE(dialog.chart()->measuredSeries()->at(0), QPointF(1, 1));
        QCOMPARE(dialog.chart()->idealSeries()->at(1), QPointF(2, 2));

        const QString csv = m_dir.filePath(QStringLiteral("bench.csv"));
        QString error;
        QVERIFY2(dialog.exportCsv(csv, error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 3);
    }

    void recordsItsRunInTheWorkspace()
    {
        // The benchmark records itself in core: the dialog's run lands in the history as the CLI's does.
        const QString workspace = m_dir.filePath(QStringLiteral("ws"));
        BenchmarkDialog dialog;
        dialog.setDatabase(m_races);
        dialog.setWorkerList(QStringLiteral("1, 2"));
        dialog.setRepeat(1);
        dialog.setWorkspace(workspace);
        QSignalSpy finished(&dialog, &BenchmarkDialog::benchmarkFinished);
        QVERIFY(dialog.start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toString(), QString());
        const QString db = workspace + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT kind || ' ' || status FROM runs")),
            QStringLiteral("benchmark-features completed"));
        QCOMPARE(
            bfs::test::queryScalar(db, QStringLiteral("SELECT json_array_length(summary_json, '$.runs') FROM runs")),
            QStringLiteral("2"));
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT json_extract(config_json, '$.workers') FROM runs")),
            QStringLiteral("[1,2]"));
    }

    void refusesABadWorkerList_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("named");
        QTest::newRow("zero") << QStringLiteral("0, 2") << QStringLiteral("0");
        QTest::newRow("too many") << QStringLiteral("1, 65") << QStringLiteral("65");
        QTest::newRow("not a number") << QStringLiteral("1, two") << QStringLiteral("two");
    }

    void refusesABadWorkerList()
    {
        QFETCH(QString, list);
        QFETCH(QString, named);
        BenchmarkDialog dialog;
        dialog.setDatabase(m_races);
        dialog.setWorkerList(list);
        QVERIFY(!dialog.start());
        QVERIFY(!dialog.isRunning());
        QVERIFY2(dialog.statusText().contains(named), qPrintable(dialog.statusText()));
    }

    void acceptsAWorkerList()
    {
        BenchmarkDialog dialog;
        dialog.setWorkerList(QStringLiteral("4, 1 2;4"));
        QString error;
        QCOMPARE(dialog.workerCounts(error), (QList<int> { 4, 1, 2 }));
        QCOMPARE(error, QString());
    }
};

QTEST_MAIN(TestBenchmarkDialog)
#include "tst_benchmarkdialog.moc"
