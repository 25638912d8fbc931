// util/Format: the one place numbers become text on the screens.
#include "util/Format.h"

#include <QLocale>
#include <QTest>

using namespace bfs;

class TestFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void texts_data()
    {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        QTest::newRow("count groups thousands") << format::count(1234567) << QStringLiteral("1,234,567");
        QTest::newRow("one worker") << format::plural(1, QStringLiteral("worker"), QStringLiteral("workers"))
                                    << QStringLiteral("1 worker");
        QTest::newRow("no workers") << format::plural(0, QStringLiteral("worker"), QStringLiteral("workers"))
                                    << QStringLiteral("0 workers");
        QTest::newRow("many requests") << format::plural(12345, QStringLiteral("request"), QStringLiteral("requests"))
                                       << QStringLiteral("12,345 requests");
        QTest::newRow("percent") << format::percent(0.649) << QStringLiteral("64.9%");
        QTest::newRow("whole percent") << format::percent(1.0, 0) << QStringLiteral("100%");
        QTest::newRow("seconds") << format::duration(4.26) << QStringLiteral("4.3 s");
        QTest::newRow("minutes") << format::duration(125) << QStringLiteral("2 min 05 s");
        QTest::newRow("hours") << format::duration(2 * 3600 + 7 * 60) << QStringLiteral("2 h 07 min");
        QTest::newRow("unknown duration") << format::duration(-1) << QStringLiteral("–");
        QTest::newRow("decimal") << format::decimal(1234.5, 1) << QStringLiteral("1,234.5");
        QTest::newRow("flags named as fields")
            << format::withoutFlags(QStringLiteral("--odds-time must be HH:MM; --odds-format too"),
                   { { QStringLiteral("--odds-format"), QStringLiteral("the odds format") },
                       { QStringLiteral("--odds-time"), QStringLiteral("the odds time") } })
            << QStringLiteral("the odds time must be HH:MM; the odds format too");
    }
    void texts()
    {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }
};

QTEST_MAIN(TestFormat)
#include "tst_format.moc"
