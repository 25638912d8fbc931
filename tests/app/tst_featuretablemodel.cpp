// FeatureTableModel: lazy pages, SQL sorting and filtering over a real SQLite table.
#include "features/FeatureQuery.h"
#include "models/FeatureTableModel.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace bfs;
using namespace bfs::app;

class TestFeatureTableModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    static constexpr int Rows = 1234;

    // Every column exercised: text keys, integers, reals and NULLs.
    static QString script()
    {
        QString sql
            = QStringLiteral("CREATE TABLE features (race_id TEXT, horse_id TEXT, date TEXT, horse_runs INTEGER, "
                             "horse_win_rate REAL, PRIMARY KEY (race_id, horse_id));\nBEGIN;\n");
        for (int i = 0; i < Rows; ++i) {
            const QString rate = i % 7 == 0 ? QStringLiteral("NULL") : QString::number((i * 37 % 101) / 100.0);
            sql += QStringLiteral("INSERT INTO features VALUES ('r%1', 'h%2', '2024-01-01', %3, %4);\n")
                       .arg(i / 10, 4, 10, QLatin1Char('0'))
                       .arg(i % 10)
                       .arg(i % 13)
                       .arg(rate);
        }
        return sql + QStringLiteral("COMMIT;\n");
    }

    // Pages arrive from the model's reader thread; wait for each.
    static bool fetchAll(FeatureTableModel& model)
    {
        for (;;) {
            if (!QTest::qWaitFor([&] { return !model.isFetching(); }, 10000))
                return false;
            if (!model.canFetchMore({}))
                return true;
            model.fetchMore({});
        }
    }

    static QList<QVariant> columnValues(FeatureTableModel& model, int column)
    {
        if (!fetchAll(model))
            return {};
        QList<QVariant> values;
        for (int row = 0; row < model.rowCount(); ++row)
            values << model.index(row, column).data(Qt::UserRole);
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("features.sqlite"));
        QCOMPARE(bfs::test::execSql(m_db, script()), QString());
    }

    void loadsInPagesUnderTheTester()
    {
        FeatureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(model.open(m_db, error), qPrintable(error));
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("horse_runs"));
        QTRY_COMPARE(model.rowCount(), FeatureTableModel::PageSize);
        QTRY_VERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(model.isFetching());
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_COMPARE(model.rowCount(), 2 * FeatureTableModel::PageSize);
        QTRY_VERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), Rows);
        QTRY_VERIFY(!model.isFetching());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(Rows - 1, 1).data().toString(), QStringLiteral("h3"));
    }

    void sortsEveryRowInSql_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::newRow("integer ascending") << 3 << Qt::AscendingOrder;
        QTest::newRow("integer descending") << 3 << Qt::DescendingOrder;
        QTest::newRow("real with NULLs ascending") << 4 << Qt::AscendingOrder;
        QTest::newRow("real with NULLs descending") << 4 << Qt::DescendingOrder;
        QTest::newRow("text descending") << 0 << Qt::DescendingOrder;
    }

    void sortsEveryRowInSql()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        FeatureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(model.open(m_db, error), qPrintable(error));
        model.sort(column, order);
        const auto values = columnValues(model, column);
        // Keyset paging must neither skip nor repeat a row across page boundaries.
        QCOMPARE(values.size(), Rows);
        QSet<QString> keys;
        for (int row = 0; row < model.rowCount(); ++row)
            keys.insert(model.index(row, 0).data().toString() + model.index(row, 1).data().toString());
        QCOMPARE(keys.size(), Rows);
        for (qsizetype i = 1; i < values.size(); ++i) {
            const QVariant& a = values.at(i - 1);
            const QVariant& b = values.at(i);
            if (a.isNull() || b.isNull()) {
                // NULLs come first ascending and last descending.
                QVERIFY2(order == Qt::AscendingOrder ? a.isNull() : b.isNull(), qPrintable(QString::number(i)));
                continue;
            }
            const bool ordered = column == 0
                ? (order == Qt::AscendingOrder ? a.toString() <= b.toString() : a.toString() >= b.toString())
                : (order == Qt::AscendingOrder ? a.toDouble() <= b.toDouble() : a.toDouble() >= b.toDouble());
            QVERIFY2(ordered, qPrintable(QStringLiteral("row %1: %2 then %3").arg(i).arg(a.toString(), b.toString())));
        }
    }

    void filtersWithBoundValues()
    {
        FeatureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(model.open(m_db, error), qPrintable(error));
        QSignalSpy changed(&model, &FeatureTableModel::queryChanged);
        FeatureQuery filter;
        filter.filterColumn = QStringLiteral("horse_runs");
        filter.filterOperator = QStringLiteral(">");
        filter.filterValue = 10;
        QVERIFY2(model.setFilter(filter, error), qPrintable(error));
        QCOMPARE(changed.count(), 1);
        QVERIFY(fetchAll(model));
        const auto runs = columnValues(model, 3);
        int expected = 0;
        for (int i = 0; i < Rows; ++i)
            expected += i % 13 > 10 ? 1 : 0;
        QCOMPARE(runs.size(), expected);
        for (const auto& value : runs)
            QVERIFY(value.toInt() > 10);
        QCOMPARE(countFeatureRows(m_db, model.query(), error), qint64(expected));

        // Text that looks like SQL is only ever a bound LIKE pattern.
        filter = {};
        filter.text = QStringLiteral("r0001' OR '1'='1");
        QVERIFY(model.setFilter(filter, error));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 0);
        filter.text = QStringLiteral("r0001");
        QVERIFY(model.setFilter(filter, error));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 10);

        filter.filterColumn = QStringLiteral("no_such_column");
        filter.filterOperator = QStringLiteral(">");
        QVERIFY(!model.setFilter(filter, error));
        QVERIFY2(error.contains(QStringLiteral("no_such_column")), qPrintable(error));
        QCOMPARE(model.rowCount(), 10); // the previous filter stays
    }

    void statisticsComeFromSql()
    {
        FeatureQuery query;
        query.columns = { QStringLiteral("race_id"), QStringLiteral("horse_id"), QStringLiteral("date"),
            QStringLiteral("horse_runs"), QStringLiteral("horse_win_rate") };
        const auto stats = computeColumnStats(m_db, query, QStringLiteral("horse_win_rate"));
        QCOMPARE(stats.error, QString());
        QCOMPARE(stats.rows, qint64(Rows));
        int nulls = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < Rows; ++i) {
            if (i % 7 == 0) {
                ++nulls;
                continue;
            }
            const double rate = (i * 37 % 101) / 100.0;
            sum += rate;
            max = std::max(max, rate);
        }
        QCOMPARE(stats.values, qint64(Rows - nulls));
        QCOMPARE(stats.max.toDouble(), max);
        QVERIFY(qAbs(stats.mean.toDouble() - sum / (Rows - nulls)) < 1e-9);

        const auto text = computeColumnStats(m_db, query, QStringLiteral("race_id"));
        QCOMPARE(text.min.toString(), QStringLiteral("r0000"));
        QVERIFY(text.mean.isNull());
    }

    void exportsFilteredRowsAsCsv()
    {
        FeatureQuery query;
        query.columns = { QStringLiteral("race_id"), QStringLiteral("horse_id"), QStringLiteral("date"),
            QStringLiteral("horse_runs"), QStringLiteral("horse_win_rate") };
        query.text = QStringLiteral("r0002");
        query.sortColumn = 1;
        query.sortOrder = Qt::DescendingOrder;
        const QString csv = m_dir.filePath(QStringLiteral("out.csv"));
        std::atomic<bool> cancel { false };
        std::atomic<qint64> written { 0 };
        const auto result = exportFeaturesCsv(m_db, query, csv, cancel, written);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.rows, qint64(10));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines.first(), QStringLiteral("race_id,horse_id,date,horse_runs,horse_win_rate"));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("r0002,h9,")), qPrintable(lines.at(1)));
    }

    void refusesADatabaseWithoutFeatures()
    {
        const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
        QCOMPARE(bfs::test::execSql(empty, QStringLiteral("CREATE TABLE races (race_id TEXT)")), QString());
        FeatureTableModel model;
        QString error;
        QVERIFY(!model.open(empty, error));
        QVERIFY2(error.contains(QStringLiteral("features")), qPrintable(error));
        QVERIFY(!model.open(m_dir.filePath(QStringLiteral("missing.sqlite")), error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.sqlite"))));
    }
};

QTEST_MAIN(TestFeatureTableModel)
#include "tst_featuretablemodel.moc"
