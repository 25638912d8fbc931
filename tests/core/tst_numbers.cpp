// Number parsing shared by the feature reader and the JSON cursor (it replaces std::from_chars
// for double, which Apple's libc++ lacks): what is a number, and what is refused.
#include "util/Numbers.h"

#include <QtTest>

using namespace bfs;

class TestNumbers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("expected");
        QTest::newRow("integer") << QByteArray("12") << 12.0;
        QTest::newRow("negative") << QByteArray("-0.5") << -0.5;
        QTest::newRow("half line") << QByteArray("6.5") << 6.5;
        QTest::newRow("exponent") << QByteArray("1.25e3") << 1250.0;
        QTest::newRow("negative exponent") << QByteArray("25E-2") << 0.25;
        QTest::newRow("american odds") << QByteArray("-115") << -115.0;
        QTest::newRow("tiny rounds to zero") << QByteArray("1e-400") << 0.0;
        QTest::newRow("shortest round trip") << QByteArray("0.1") << 0.1;
    }
    void accepted()
    {
        QFETCH(QByteArray, text);
        QFETCH(double, expected);
        double value = -999;
        QVERIFY2(
            parseFiniteDouble(std::string_view(text.constData(), std::size_t(text.size())), value), text.constData());
        QCOMPARE(value, expected);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("comma decimal") << QByteArray("1,5");
        QTest::newRow("trailing text") << QByteArray("6.5 K");
        QTest::newRow("leading space") << QByteArray(" 6.5");
        QTest::newRow("plus sign") << QByteArray("+6.5");
        QTest::newRow("hex") << QByteArray("0x10");
        QTest::newRow("infinity") << QByteArray("inf");
        QTest::newRow("nan") << QByteArray("nan");
        QTest::newRow("past double's range") << QByteArray("1e400");
        QTest::newRow("negative past range") << QByteArray("-1e400");
        QTest::newRow("NUL inside") << QByteArray("6\0"
                                                  "5",
            3);
    }
    void refused()
    {
        QFETCH(QByteArray, text);
        double value = 42;
        QVERIFY(!parseFiniteDouble(std::string_view(text.constData(), std::size_t(text.size())), value));
        QCOMPARE(value, 42.0); // untouched on failure
    }
};

QTEST_APPLESS_MAIN(TestNumbers)
#include "tst_numbers.moc"
