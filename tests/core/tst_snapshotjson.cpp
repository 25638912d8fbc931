// The JSON underneath OddsSnapshotParser (simdjson's On-Demand API, phase 2 of odds-api.md):
// a raw event-odds file that is not RFC 8259 JSON is refused as a whole, with the byte offset of
// the problem, wherever the problem is: in a member the parser reads and in one it only passes
// over (On-Demand alone would skip those unchecked). Valid JSON in every form reads back exactly:
// escapes decoded, numbers rounded as a correct strtod would, escaped member names matched.
#include "odds/load/OddsSnapshotParser.h"

#include <QRegularExpression>
#include <QTest>

#include <bit>
#include <cstdint>
#include <string>

using namespace bfs;

namespace {

// A valid response whose one outcome's `extra` member (unread by the parser) is `extra`, and
// whose Over price and player are written as `price` and `player` (JSON text).
QByteArray response(
    const QByteArray& extra = "0", const QByteArray& price = "-110", const QByteArray& player = "\"Gerrit Cole\"")
{
    return R"({"timestamp":"2024-05-03T22:05:00Z","data":{"id":"e1","sport_key":"baseball_mlb",)"
           R"("commence_time":"2024-05-03T23:05:00Z","bookmakers":[{"key":"fanduel","markets":[)"
           R"({"key":"pitcher_strikeouts","outcomes":[{"name":"Over","description":)"
        + player + R"(,"price":)" + price + R"(,"point":5.5,"extra":)" + extra + R"(}]}]}]}})";
}

struct Parsed {
    bool ok = false;
    OddsSnapshot snapshot;
    QString error;
};

Parsed parse(const QByteArray& text)
{
    Parsed parsed;
    parsed.ok = OddsSnapshotParser().parse(text, parsed.snapshot, parsed.error);
    return parsed;
}

// The offset in "invalid JSON at byte N: …", or -1.
int errorOffset(const QString& error)
{
    static const QRegularExpression pattern(QStringLiteral("^invalid JSON at byte (\\d+): \\S"));
    const QRegularExpressionMatch match = pattern.match(error);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

bool sameDouble(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

} // namespace

class TestSnapshotJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theResponseItselfReads()
    {
        const Parsed parsed = parse(response());
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(parsed.snapshot.lines.size(), std::size_t(1));
        QCOMPARE(*parsed.snapshot.lines[0].overPrice, -110);
    }

    // Malformed JSON as a value no one reads: the file is refused, the offset lies inside the
    // bad value (or right after it, where the text ran out), the reason names the kind of
    // problem, and nothing of the file is kept.
    void malformedValueAnywhereIsRefused_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("reason"); // how the error message goes on after the offset
        auto row = [](const char* name, const QByteArray& value, const char* reason) {
            QTest::newRow(name) << value << QString::fromLatin1(reason);
        };
        row("open array", "[", "malformed structure");
        row("array cut after a comma", "[1,", "malformed structure");
        row("trailing comma in an array", "[1,]", "malformed structure");
        row("trailing comma in an object", "{\"a\":1,}", "malformed structure");
        row("two commas", "[1,,2]", "malformed structure");
        row("leading comma", "[,1]", "malformed structure");
        row("missing comma in an array", "[1 2]", "malformed structure");
        row("missing comma in an object", "{\"a\":1 \"b\":2}", "malformed structure");
        row("missing colon", "{\"a\" 1}", "malformed structure");
        row("unquoted name", "{a:1}", "malformed structure");
        row("number as a name", "{1:2}", "malformed structure");
        row("single quotes", "['a']", "malformed structure");
        row("mismatched bracket", "[1}", "malformed structure");
        row("literal cut", "tru", "unexpected token");
        row("null cut", "[nul]", "unexpected token");
        row("capitalised literal", "True", "malformed structure");
        row("wrong literal", "[fals3]", "unexpected token");
        row("leading zero", "[01]", "bad number");
        row("negative leading zero", "[-01]", "bad number");
        row("lone minus", "-", "unexpected token");
        row("minus without digits", "[-a]", "unexpected token");
        row("plus sign", "+1", "malformed structure");
        row("leading dot", ".5", "malformed structure");
        row("trailing dot", "[1.]", "bad number");
        row("dot before exponent", "1.e5", "bad number");
        row("exponent without digits", "1e", "bad number");
        row("signed exponent without digits", "[2,1E+]", "bad number");
        row("hexadecimal", "[0x1F]", "bad number");
        row("overflow", "[1e400]", "bad number");
        row("negative overflow", "{\"p\":-1e400}", "bad number");
        row("NaN", "NaN", "malformed structure");
        row("raw tab in a string", "\"a\tb\"", "control character in a string");
        row("raw line break in a string", "[\"a\nb\"]", "control character in a string");
        row("raw NUL in a string", QByteArray("\"a\0\"", 4), "control character in a string");
        row("unknown escape", "\"\\x\"", "bad escape in a string");
        row("escaped single quote", "\"\\'\"", "bad escape in a string");
        row("short \\u escape", "\"\\u12\"", "bad escape in a string");
        row("non-hex \\u escape", "\"\\u12G4\"", "bad escape in a string");
        row("high surrogate then text", "\"\\uD83Dxy\"", "bad escape in a string");
        row("high surrogate then a BMP escape", "\"\\uD83D\\u0041\"", "bad escape in a string");
        row("lone low surrogate", "\"\\uDE00\"", "bad escape in a string");
        row("bad escape in a member name", "{\"\\q\":1}", "bad escape in a string");
        row("invalid UTF-8", "\"Berr\xC3\x28os\"", "not valid UTF-8");
        row("overlong UTF-8", "\"\xC0\xAF\"", "not valid UTF-8");
        row("nested too deeply", QByteArray(300, '[') + QByteArray(300, ']'), "nested too deeply");
        row("nested a million deep", QByteArray(1000000, '[') + QByteArray(1000000, ']'), "nested too deeply");
    }
    void malformedValueAnywhereIsRefused()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, reason);
        const QByteArray text = response(value);
        const int start = int(text.indexOf("\"extra\":") + 8);
        const Parsed parsed = parse(text);
        QVERIFY(!parsed.ok);
        QVERIFY(parsed.snapshot.lines.empty());
        QVERIFY2(parsed.error.startsWith(QStringLiteral("invalid JSON at byte ")), qPrintable(parsed.error));
        const int offset = errorOffset(parsed.error);
        QVERIFY2(offset >= start && offset <= start + int(value.size()) + 1,
            qPrintable(QStringLiteral("%1 (the value spans bytes %2 to %3)")
                           .arg(parsed.error)
                           .arg(start)
                           .arg(start + value.size())));
        QVERIFY2(parsed.error.contains(QStringLiteral(": ") + reason), qPrintable(parsed.error));
    }

    // The same problems in the members the parser reads: the price and the player.
    void malformedReadValueIsRefused_data()
    {
        QTest::addColumn<QByteArray>("price");
        QTest::addColumn<QByteArray>("player");
        QTest::addColumn<QString>("error");
        QTest::newRow("price with a leading zero")
            << QByteArray("-0110") << QByteArray("\"Gerrit Cole\"") << QStringLiteral("bad number");
        QTest::newRow("price overflowing")
            << QByteArray("1e400") << QByteArray("\"Gerrit Cole\"") << QStringLiteral("bad number");
        QTest::newRow("price as text") << QByteArray("\"-110\"") << QByteArray("\"Gerrit Cole\"")
                                       << QStringLiteral("`price` is not a number");
        QTest::newRow("player with a bad escape")
            << QByteArray("-110") << QByteArray("\"Gerrit\\xCole\"") << QStringLiteral("bad escape in a string");
        QTest::newRow("player with a raw tab")
            << QByteArray("-110") << QByteArray("\"Gerrit\tCole\"") << QStringLiteral("control character in a string");
        QTest::newRow("player as a number")
            << QByteArray("-110") << QByteArray("7") << QStringLiteral("`description` is not a string");
    }
    void malformedReadValueIsRefused()
    {
        QFETCH(QByteArray, price);
        QFETCH(QByteArray, player);
        QFETCH(QString, error);
        const Parsed parsed = parse(response("0", price, player));
        QVERIFY(!parsed.ok);
        QVERIFY2(parsed.error.endsWith(error), qPrintable(parsed.error));
    }

    // Truncated and doubled files: the offset is where the file ends or the second value starts.
    void truncatedOrDoubledFile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        const QByteArray good = response();
        QTest::newRow("cut inside a string")
            << good.left(good.indexOf("Gerrit") + 3) << QStringLiteral("invalid JSON at byte ");
        QTest::newRow("cut after a comma")
            << good.left(good.indexOf(",\"point\"") + 1) << QStringLiteral("invalid JSON at byte ");
        QTest::newRow("last brace missing") << good.chopped(1) << QStringLiteral("invalid JSON at byte ");
        QTest::newRow("two documents") << good + good << QStringLiteral("unexpected content after the JSON object");
    }
    void truncatedOrDoubledFile()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const Parsed parsed = parse(text);
        QVERIFY(!parsed.ok);
        QVERIFY2(parsed.error.startsWith(error), qPrintable(parsed.error));
        if (error.startsWith(QStringLiteral("invalid JSON"))) {
            const int offset = errorOffset(parsed.error);
            QVERIFY2(offset >= text.size() - 12 && offset <= text.size(), qPrintable(parsed.error));
        }
    }

    // Every valid form of a value nobody reads is accepted.
    // A NUL byte after the object (a file padded by a crashed writer) is not a valid file.
    void nulAfterTheObjectIsRefused()
    {
        const Parsed parsed = parse(response() + QByteArray(1, '\0'));
        QVERIFY(!parsed.ok);
        QVERIFY(parsed.snapshot.lines.empty());
        QVERIFY(!parsed.error.isEmpty());
    }

    void validValueAnywhereIsAccepted_data()
    {
        QTest::addColumn<QByteArray>("value");
        for (const char* value : { "null", "true", "false", "0", "-115", "6.5e1", "\"\"", "\"Gerrit Cole\"", "{}", "[]",
                 "[null,true,false,-0.5,\"x\",{},[]]", "{\"a\":{\"b\":[1,{\"c\":null}]}}", "[[[[[[0]]]]]]", "{\"\":0}",
                 "{\"a\":1,\"a\":2}", "{\"k\\u0065y\":1}", " \t\r\n{ \"a\" : [ 1 ,\n2 ] , \"b\"\t:\rtrue } ",
                 "\"\\uD83D\\uDE00 \\u00e9 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "1e-400", "12345678901234567890" })
            QTest::newRow(value) << QByteArray(value);
    }
    void validValueAnywhereIsAccepted()
    {
        QFETCH(QByteArray, value);
        const Parsed parsed = parse(response(value));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(parsed.snapshot.lines.size(), std::size_t(1));
    }

    // A player's name is decoded exactly (escapes to UTF-8, raw UTF-8 passed through).
    void playerNamesDecode_data()
    {
        QTest::addColumn<QByteArray>("written");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("plain") << QByteArray("\"Gerrit Cole\"") << QByteArray("Gerrit Cole");
        QTest::newRow("e acute escaped") << QByteArray("\"Jos\\u00e9 Berr\\u00EDos\"")
                                         << QByteArray("Jos\xC3\xA9 Berr\xC3\xADos");
        QTest::newRow("raw UTF-8") << QByteArray("\"Jos\xC3\xA9 Berr\xC3\xADos\"")
                                   << QByteArray("Jos\xC3\xA9 Berr\xC3\xADos");
        QTest::newRow("quote and backslash") << QByteArray("\"a\\\"b\\\\c\"") << QByteArray("a\"b\\c");
        QTest::newRow("surrogate pair") << QByteArray("\"\\uD83D\\uDE00\"") << QByteArray("\xF0\x9F\x98\x80");
        QTest::newRow("euro, three bytes") << QByteArray("\"\\u20AC\"") << QByteArray("\xE2\x82\xAC");
        QTest::newRow("escapes between text") << QByteArray("\"x\\u0041y\\n\"") << QByteArray("xAy\n");
    }
    void playerNamesDecode()
    {
        QFETCH(QByteArray, written);
        QFETCH(QByteArray, name);
        const Parsed parsed = parse(response("0", "-110", written));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(parsed.snapshot.lines.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(std::string(parsed.snapshot.lines[0].playerName)), name);
    }

    // Decimal prices are read as a correctly rounding strtod would (the American price and the
    // implied probability come from them).
    void pricesReadExactly_data()
    {
        QTest::addColumn<QByteArray>("written");
        QTest::addColumn<double>("expected");
        QTest::newRow("decimal price") << QByteArray("1.87") << 1.87;
        QTest::newRow("one tenth above one") << QByteArray("1.1") << 1.1;
        QTest::newRow("17 digits") << QByteArray("1.9000000000000001") << 1.9000000000000001;
        QTest::newRow("one ulp above two") << QByteArray("2.0000000000000004") << 2.0000000000000004;
        QTest::newRow("exponent") << QByteArray("2.5e0") << 2.5;
        QTest::newRow("negative exponent") << QByteArray("187e-2") << 1.87;
    }
    void pricesReadExactly()
    {
        QFETCH(QByteArray, written);
        QFETCH(double, expected);
        const Parsed parsed = parse(response("0", written));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QVERIFY(parsed.snapshot.lines[0].overQuote);
        QVERIFY2(sameDouble(*parsed.snapshot.lines[0].overQuote, expected),
            qPrintable(QString::number(*parsed.snapshot.lines[0].overQuote, 'g', 17)));
    }

    // Member names are matched after decoding: "k\u0065y" is `key`.
    void escapedMemberNamesMatch()
    {
        QByteArray text = response();
        text.replace("\"price\"", "\"pr\\u0069ce\"").replace("\"key\":\"fanduel\"", "\"k\\u0065y\":\"fanduel\"");
        const Parsed parsed = parse(text);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(std::string(parsed.snapshot.lines[0].bookmaker), std::string("fanduel"));
        QCOMPARE(*parsed.snapshot.lines[0].overPrice, -110);
    }

    // One parser per thread is reused from file to file: a failed file leaves nothing behind
    // for the next one, and a large file after small ones reads as well.
    void filesInARowAreIndependent()
    {
        QVERIFY(!parse(response("[1,,2]")).ok);
        Parsed parsed = parse(response());
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QByteArray large = response(("\"" + QByteArray(4 << 20, 'x') + "\""));
        parsed = parse(large);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(parsed.snapshot.lines.size(), std::size_t(1));
        parsed = parse(response("\"y\""));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotJson)
#include "tst_snapshotjson.moc"
