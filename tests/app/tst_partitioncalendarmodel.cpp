// The partition calendar behind the Backfill screen, under QAbstractItemModelTester.
#include "models/PartitionCalendarModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QTest>

using namespace bfs;
using namespace bfs::app;

class TestPartitionCalendarModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void weeksAndCells_data()
    {
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::addColumn<int>("weeks");
        QTest::newRow("one day") << QDate(2024, 5, 1) << QDate(2024, 5, 1) << 1;
        QTest::newRow("monday to sunday") << QDate(2024, 4, 29) << QDate(2024, 5, 5) << 1;
        QTest::newRow("sunday to monday") << QDate(2024, 5, 5) << QDate(2024, 5, 6) << 2;
        QTest::newRow("may") << QDate(2024, 5, 1) << QDate(2024, 5, 31) << 5;
        QTest::newRow("season") << QDate(2024, 3, 28) << QDate(2024, 9, 30) << 28;
    }
    void weeksAndCells()
    {
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        QFETCH(int, weeks);
        PartitionCalendarModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRange(start, end);
        QCOMPARE(model.rowCount(), weeks);
        QCOMPARE(model.columnCount(), 7);
        int cells = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = 0; c < 7; ++c) {
                const QModelIndex index = model.index(r, c);
                const QDate d = model.dateAt(index);
                if (!d.isValid()) {
                    QCOMPARE(model.flags(index), Qt::NoItemFlags);
                    continue;
                }
                ++cells;
                QCOMPARE(d.dayOfWeek(), c + 1);
                QCOMPARE(model.indexOf(d), index);
                QCOMPARE(index.data(PartitionCalendarModel::DateRole).toDate(), d);
            }
        }
        QCOMPARE(cells, int(start.daysTo(end) + 1));
    }

    void statesColourAndExplain()
    {
        PartitionCalendarModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRange(QDate(2024, 5, 1), QDate(2024, 5, 10));
        PartitionRow done;
        done.date = QDate(2024, 5, 2);
        done.state = PartitionState::Done;
        done.attempts = 1;
        done.eventsTotal = done.eventsFetched = 15;
        done.requests = 16;
        done.credits = 151;
        PartitionRow failed;
        failed.date = QDate(2024, 5, 3);
        failed.state = PartitionState::Failed;
        failed.attempts = 2;
        failed.lastError = QStringLiteral("422 INVALID_MARKET: bad market");
        model.setPartitions({ done, failed });
        const QModelIndex d = model.indexOf(done.date), f = model.indexOf(failed.date), p = model.indexOf(QDate(2024, 5, 4));
        QCOMPARE(d.data(Qt::BackgroundRole).value<QColor>(), PartitionCalendarModel::colorOf(PartitionState::Done));
        QCOMPARE(f.data(Qt::BackgroundRole).value<QColor>(), PartitionCalendarModel::colorOf(PartitionState::Failed));
        QCOMPARE(p.data(PartitionCalendarModel::StateRole).toInt(), int(PartitionState::Pending));
        QVERIFY(d.data(Qt::ToolTipRole).toString().contains(QStringLiteral("151 credits")));
        QVERIFY(f.data(Qt::ToolTipRole).toString().contains(QStringLiteral("INVALID_MARKET")));
        QVERIFY(f.data(Qt::ToolTipRole).toString().contains(QStringLiteral("retry")));
        QCOMPARE(model.datesIn(PartitionState::Failed), QList<QDate> { failed.date });
        QCOMPARE(model.datesIn(PartitionState::Pending).size(), 8);
        model.setRange(QDate(2024, 5, 2), QDate(2024, 5, 1)); // reversed: empty, not a crash
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestPartitionCalendarModel)
#include "tst_partitioncalendarmodel.moc"
