// BenchmarkTableModel: the speedup table and its CSV.
#include "models/BenchmarkTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bfs;
using namespace bfs::app;

class TestBenchmarkTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rowsUnderTheTester()
    {
        BenchmarkTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(BenchmarkTableModel::ColumnCount));
        BenchmarkRow one { 1, 10.0, 1.0, 1.0, { 2.0, 7.0, 1.0 } };
        BenchmarkRow two { 2, 6.0, 10.0 / 6.0, 10.0 / 12.0, { 2.0, 3.5, 0.5 } };
        model.addRow(one);
        model.addRow(two);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, BenchmarkTableModel::Speedup).data().toString(), QStringLiteral("1.00×"));
        QCOMPARE(model.index(1, BenchmarkTableModel::Speedup).data().toString(), QStringLiteral("1.67×"));
        QCOMPARE(model.index(1, BenchmarkTableModel::Efficiency).data().toString(), QStringLiteral("83%"));
        QCOMPARE(model.index(1, BenchmarkTableModel::Compute).data(Qt::UserRole).toDouble(), 3.5);
        QCOMPARE(model.headerData(BenchmarkTableModel::Write, Qt::Horizontal).toString(), QStringLiteral("Write s"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void csvHasOneLinePerRow()
    {
        BenchmarkTableModel model;
        model.addRow({ 1, 10.0, 1.0, 1.0, { 2.0, 7.0, 1.0 } });
        model.addRow({ 4, 4.0, 2.5, 0.625, { 2.0, 1.5, 0.5 } });
        const auto lines = model.toCsv().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0),
            QStringLiteral("workers,seconds,speedup,efficiency,read_seconds,compute_seconds,write_seconds"));
        QCOMPARE(lines.at(2), QStringLiteral("4,4,2.5,0.625,2,1.5,0.5"));
    }
};

QTEST_MAIN(TestBenchmarkTableModel)
#include "tst_benchmarktablemodel.moc"
