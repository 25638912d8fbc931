// The partition calendar behind the Backfill screen, under QAbstractItemModelTester.
#include "models/PartitionCalendarModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
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
        const QModelIndex d = model.indexOf(done.date), f = model.indexOf(failed.date),
                          p = model.indexOf(QDate(2024, 5, 4));
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

    void emptyIsNotOutsideTheRange()
    {
        PartitionCalendarModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRange(QDate(2024, 7, 17), QDate(2024, 7, 18)); // a Wednesday and a Thursday
        PartitionRow empty;
        empty.date = QDate(2024, 7, 17);
        empty.state = PartitionState::Empty;
        empty.attempts = 1;
        model.setPartitions({ empty });
        const QModelIndex inside = model.indexOf(empty.date);
        const QModelIndex outside = model.index(0, 0); // Monday the 15th: before the range
        QVERIFY(!model.dateAt(outside).isValid());
        const auto emptyBrush = inside.data(Qt::BackgroundRole).value<QColor>();
        const auto outsideBrush = outside.data(Qt::BackgroundRole).value<QBrush>();
        QCOMPARE(emptyBrush, PartitionCalendarModel::colorOf(PartitionState::Empty));
        QCOMPARE(outsideBrush.style(), Qt::BDiagPattern); // hatched, not a flat colour
        QVERIFY(emptyBrush != QColor(Qt::white));
        QVERIFY(emptyBrush != outsideBrush.color());
        QCOMPARE(inside.data().toString(), QStringLiteral("Jul 17"));
        QVERIFY(outside.data().toString().isEmpty());
        QVERIFY(!(model.flags(outside) & Qt::ItemIsSelectable));
        QVERIFY(PartitionCalendarModel::legendText(PartitionState::Empty).contains(QStringLiteral("no games")));
        QVERIFY(inside.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 attempt,")));
    }
};

QTEST_MAIN(TestPartitionCalendarModel)
#include "tst_partitioncalendarmodel.moc"
