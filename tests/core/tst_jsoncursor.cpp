// JsonCursor, the strict pull reader phase 2 parses every event-odds file with (odds-api.md):
// RFC 8259 documents of every value type read back exactly, escapes decoded to UTF-8, numbers
// rounded as a correct strtod would, and every malformed input refused with the byte offset
// and reason it reports. Offsets below are counted by hand from the first byte (0).
#include "odds/load/JsonCursor.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

using namespace bfs;

namespace {

JsonCursor cursorOver(const QByteArray& bytes)
{
    return JsonCursor(bytes.constData(), bytes.constData() + bytes.size());
}

QString invalid(int byte, const char* what)
{
    return QStringLiteral("invalid JSON at byte %1: %2").arg(byte).arg(QLatin1String(what));
}

// One value read through the public API only, written back compactly: objects and arrays
// through beginObject/nextMember and beginArray/nextElement, strings with readString, numbers
// with readNumber, null with takeNull; true and false have no reader, so skipValue consumes
// them after peek() says which.
bool dump(JsonCursor& json, QString& out)
{
    switch (json.peek()) {
    case '{': {
        if (!json.beginObject())
            return false;
        out += u'{';
        bool first = true;
        bool any = false;
        std::string_view key;
        while (json.nextMember(first, key)) {
            if (any)
                out += u',';
            any = true;
            out += u'"' + QString::fromUtf8(key.data(), qsizetype(key.size())) + QStringLiteral("\":");
            if (!dump(json, out))
                return false;
        }
        if (!json.ok())
            return false;
        out += u'}';
        return true;
    }
    case '[': {
        if (!json.beginArray())
            return false;
        out += u'[';
        bool first = true;
        bool any = false;
        while (json.nextElement(first)) {
            if (any)
                out += u',';
            any = true;
            if (!dump(json, out))
                return false;
        }
        if (!json.ok())
            return false;
        out += u']';
        return true;
    }
    case '"': {
        std::string text;
        if (!json.readString(text))
            return false;
        out += u'"' + QString::fromStdString(text) + u'"';
        return true;
    }
    case 't':
    case 'f': {
        const bool value = json.peek() == 't';
        if (!json.skipValue())
            return false;
        out += value ? QStringLiteral("true") : QStringLiteral("false");
        return true;
    }
    case 'n':
        if (!json.takeNull())
            return false;
        out += QStringLiteral("null");
        return true;
    default: {
        double number = 0;
        if (!json.readNumber(number))
            return false;
        out += QString::number(number, 'g', 17);
        return true;
    }
    }
}

bool sameDouble(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestJsonCursor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One document each: what it reads back as, the error (empty when it is valid), and whether
    // only white space follows the value (garbage after the document is the caller's check:
    // atEnd() is false, the value itself is fine).
    void documents_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("atEnd");

        // Valid documents of every value type.
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("null") << QString() << true;
        QTest::newRow("true") << QByteArray("true") << QStringLiteral("true") << QString() << true;
        QTest::newRow("false") << QByteArray("false") << QStringLiteral("false") << QString() << true;
        QTest::newRow("zero") << QByteArray("0") << QStringLiteral("0") << QString() << true;
        QTest::newRow("negative number") << QByteArray("-115") << QStringLiteral("-115") << QString() << true;
        QTest::newRow("number with exponent") << QByteArray("6.5e1") << QStringLiteral("65") << QString() << true;
        QTest::newRow("empty string") << QByteArray("\"\"") << QStringLiteral("\"\"") << QString() << true;
        QTest::newRow("string") << QByteArray("\"Gerrit Cole\"") << QStringLiteral("\"Gerrit Cole\"") << QString()
                                << true;
        QTest::newRow("empty object") << QByteArray("{}") << QStringLiteral("{}") << QString() << true;
        QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("[]") << QString() << true;
        QTest::newRow("array of every type")
            << QByteArray("[true,false,null,\"x\",1.5,-2e3,{},[]]")
            << QStringLiteral("[true,false,null,\"x\",1.5,-2000,{},[]]") << QString() << true;
        QTest::newRow("nested objects and arrays")
            << QByteArray("{\"a\":[1,{\"b\":null}],\"c\":{\"d\":[[],[2]]}}")
            << QStringLiteral("{\"a\":[1,{\"b\":null}],\"c\":{\"d\":[[],[2]]}}") << QString() << true;
        QTest::newRow("deep arrays") << QByteArray("[[[[[[0]]]]]]") << QStringLiteral("[[[[[[0]]]]]]") << QString()
                                     << true;
        QTest::newRow("empty key") << QByteArray("{\"\":0}") << QStringLiteral("{\"\":0}") << QString() << true;
        QTest::newRow("duplicate keys are both read")
            << QByteArray("{\"a\":1,\"a\":2}") << QStringLiteral("{\"a\":1,\"a\":2}") << QString() << true;
        QTest::newRow("escaped key") << QByteArray("{\"k\\u0065y\":1,\"plain\":2}")
                                     << QStringLiteral("{\"key\":1,\"plain\":2}") << QString() << true;
        QTest::newRow("white space everywhere") << QByteArray(" \t\r\n{ \"a\" : [ 1 ,\n2 ] , \"b\"\t:\rtrue }\r\n ")
                                                << QStringLiteral("{\"a\":[1,2],\"b\":true}") << QString() << true;

        // Garbage after the document: the value reads, atEnd() says what follows.
        QTest::newRow("text after the object") << QByteArray("{} x") << QStringLiteral("{}") << QString() << false;
        QTest::newRow("two documents") << QByteArray("{}{}") << QStringLiteral("{}") << QString() << false;
        QTest::newRow("two numbers") << QByteArray("1 2") << QStringLiteral("1") << QString() << false;
        QTest::newRow("leading zero at the top") << QByteArray("01") << QStringLiteral("0") << QString() << false;
        QTest::newRow("two strings") << QByteArray("\"a\"\"b\"") << QStringLiteral("\"a\"") << QString() << false;
        QTest::newRow("longer literal") << QByteArray("nulls") << QStringLiteral("null") << QString() << false;
        QTest::newRow("a NUL byte after") << QByteArray("[]\0", 3) << QStringLiteral("[]") << QString() << false;

        // Empty and truncated input.
        QTest::newRow("empty input") << QByteArray("") << QString() << invalid(0, "unexpected end of input") << true;
        QTest::newRow("only white space")
            << QByteArray(" \n\t") << QString() << invalid(3, "unexpected end of input") << true;
        QTest::newRow("open array") << QByteArray("[") << QString() << invalid(1, "unexpected end of input") << true;
        QTest::newRow("array cut after a value")
            << QByteArray("[1") << QString() << invalid(2, "expected ',' or ']'") << true;
        QTest::newRow("array cut after a comma")
            << QByteArray("[1,") << QString() << invalid(3, "unexpected end of input") << true;
        QTest::newRow("open object") << QByteArray("{") << QString() << invalid(1, "expected a member name") << true;
        QTest::newRow("object cut after a key")
            << QByteArray("{\"a\"") << QString() << invalid(4, "expected ':'") << true;
        QTest::newRow("object cut after a colon")
            << QByteArray("{\"a\":") << QString() << invalid(5, "unexpected end of input") << true;
        QTest::newRow("object cut after a value")
            << QByteArray("{\"a\":1") << QString() << invalid(6, "expected ',' or '}'") << true;
        QTest::newRow("string cut") << QByteArray("\"abc") << QString() << invalid(4, "unterminated string") << true;
        QTest::newRow("string cut after an escape")
            << QByteArray("\"ab\\\"") << QString() << invalid(5, "unterminated string") << true;
        QTest::newRow("string cut inside an escape")
            << QByteArray("\"abc\\") << QString() << invalid(5, "unterminated string") << true;
        QTest::newRow("literal cut") << QByteArray("tru") << QString() << invalid(0, "unexpected token") << true;
        QTest::newRow("null cut") << QByteArray("[nul]") << QString() << invalid(1, "unexpected token") << true;

        // Commas, colons and names.
        QTest::newRow("trailing comma in an array")
            << QByteArray("[1,]") << QString() << invalid(3, "trailing ',' in an array") << true;
        QTest::newRow("trailing comma in an object")
            << QByteArray("{\"a\":1,}") << QString() << invalid(7, "expected a member name") << true;
        QTest::newRow("two commas") << QByteArray("[1,,2]") << QString() << invalid(3, "expected a number") << true;
        QTest::newRow("leading comma") << QByteArray("[,1]") << QString() << invalid(1, "expected a number") << true;
        QTest::newRow("missing comma in an array")
            << QByteArray("[1 2]") << QString() << invalid(3, "expected ',' or ']'") << true;
        QTest::newRow("missing comma in an object")
            << QByteArray("{\"a\":1 \"b\":2}") << QString() << invalid(7, "expected ',' or '}'") << true;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QString() << invalid(5, "expected ':'") << true;
        QTest::newRow("unquoted name") << QByteArray("{a:1}") << QString() << invalid(1, "expected a member name")
                                       << true;
        QTest::newRow("number as a name")
            << QByteArray("{1:2}") << QString() << invalid(1, "expected a member name") << true;
        QTest::newRow("single quotes") << QByteArray("['a']") << QString() << invalid(1, "expected a number") << true;
        QTest::newRow("mismatched bracket")
            << QByteArray("[1}") << QString() << invalid(2, "expected ',' or ']'") << true;
        QTest::newRow("capitalised literal")
            << QByteArray("True") << QString() << invalid(0, "expected a number") << true;
        QTest::newRow("wrong literal") << QByteArray("[fals3]") << QString() << invalid(1, "unexpected token") << true;
        QTest::newRow("form feed is not white space")
            << QByteArray("\f1") << QString() << invalid(0, "expected a number") << true;

        // Numbers (a failed number is reported at its first byte).
        QTest::newRow("leading zero") << QByteArray("[01]") << QString() << invalid(2, "expected ',' or ']'") << true;
        QTest::newRow("negative leading zero")
            << QByteArray("[-01]") << QString() << invalid(3, "expected ',' or ']'") << true;
        QTest::newRow("lone minus") << QByteArray("-") << QString() << invalid(0, "unexpected end of input") << true;
        QTest::newRow("minus without digits")
            << QByteArray("[-a]") << QString() << invalid(1, "expected a number") << true;
        QTest::newRow("plus sign") << QByteArray("+1") << QString() << invalid(0, "expected a number") << true;
        QTest::newRow("leading dot") << QByteArray(".5") << QString() << invalid(0, "expected a number") << true;
        QTest::newRow("trailing dot") << QByteArray("[1.]") << QString() << invalid(1, "bad number") << true;
        QTest::newRow("dot before exponent") << QByteArray("1.e5") << QString() << invalid(0, "bad number") << true;
        QTest::newRow("exponent without digits") << QByteArray("1e") << QString() << invalid(0, "bad number") << true;
        QTest::newRow("signed exponent without digits")
            << QByteArray("[2,1E+]") << QString() << invalid(3, "bad number") << true;
        QTest::newRow("hexadecimal") << QByteArray("[0x1F]") << QString() << invalid(2, "expected ',' or ']'") << true;
        QTest::newRow("overflow") << QByteArray("[1e400]") << QString() << invalid(1, "number out of range") << true;
        QTest::newRow("negative overflow")
            << QByteArray("{\"p\":-1e400}") << QString() << invalid(5, "number out of range") << true;
        QTest::newRow("NaN") << QByteArray("NaN") << QString() << invalid(0, "expected a number") << true;

        // Strings: control characters and escapes.
        QTest::newRow("raw tab in a string")
            << QByteArray("\"a\tb\"") << QString() << invalid(2, "control character in a string") << true;
        QTest::newRow("raw line break in a string")
            << QByteArray("[\"a\nb\"]") << QString() << invalid(3, "control character in a string") << true;
        QTest::newRow("raw NUL in a string")
            << QByteArray("\"a\0\"", 4) << QString() << invalid(2, "control character in a string") << true;
        QTest::newRow("raw tab after an escape")
            << QByteArray("\"\\n\tb\"") << QString() << invalid(3, "control character in a string") << true;
        QTest::newRow("unknown escape") << QByteArray("\"\\x\"") << QString() << invalid(3, "bad escape in a string")
                                        << true;
        QTest::newRow("escaped single quote")
            << QByteArray("\"\\'\"") << QString() << invalid(3, "bad escape in a string") << true;
        QTest::newRow("short \\u escape")
            << QByteArray("\"\\u12\"") << QString() << invalid(3, "bad \\u escape") << true;
        QTest::newRow("non-hex \\u escape")
            << QByteArray("\"\\u12G4\"") << QString() << invalid(3, "bad \\u escape") << true;
        QTest::newRow("high surrogate at the end")
            << QByteArray("\"\\uD83D\"") << QString() << invalid(7, "unpaired surrogate") << true;
        QTest::newRow("high surrogate then text")
            << QByteArray("\"\\uD83Dxy\"") << QString() << invalid(7, "unpaired surrogate") << true;
        QTest::newRow("high surrogate then a BMP escape")
            << QByteArray("\"\\uD83D\\u0041\"") << QString() << invalid(13, "unpaired surrogate") << true;
        QTest::newRow("two high surrogates")
            << QByteArray("\"\\uD83D\\uD83D\"") << QString() << invalid(13, "unpaired surrogate") << true;
        QTest::newRow("high surrogate then a bad escape")
            << QByteArray("\"\\uD83D\\uZZZZ\"") << QString() << invalid(9, "unpaired surrogate") << true;
        QTest::newRow("lone low surrogate")
            << QByteArray("\"\\uDE00\"") << QString() << invalid(7, "unpaired surrogate") << true;
    }
    void documents()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, value);
        QFETCH(QString, error);
        QFETCH(bool, atEnd);
        JsonCursor json = cursorOver(input);
        QString out;
        const bool read = dump(json, out);
        QCOMPARE(json.error(), error);
        QCOMPARE(read, error.isEmpty());
        QCOMPARE(json.ok(), error.isEmpty());
        if (error.isEmpty())
            QCOMPARE(out, value);
        QCOMPARE(json.atEnd(), atEnd);
    }

    // skipValue() (what the loader does with every member it does not need) is exactly as strict.
    void skipValueIsAsStrict_data() { documents_data(); }
    void skipValueIsAsStrict()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        QFETCH(bool, atEnd);
        JsonCursor json = cursorOver(input);
        QCOMPARE(json.skipValue(), error.isEmpty());
        QCOMPARE(json.error(), error);
        QCOMPARE(json.atEnd(), atEnd);
    }

    // Escapes decoded to UTF-8 (the bytes are spelled out), raw UTF-8 passed through.
    void strings_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("\"Over\"") << QByteArray("Over");
        QTest::newRow("empty") << QByteArray("\"\"") << QByteArray("");
        QTest::newRow("quote and backslash") << QByteArray("\"a\\\"b\\\\c\"") << QByteArray("a\"b\\c");
        QTest::newRow("solidus") << QByteArray("\"a\\/b\"") << QByteArray("a/b");
        QTest::newRow("control escapes") << QByteArray("\"\\b\\f\\n\\r\\t\"") << QByteArray("\b\f\n\r\t");
        QTest::newRow("\\u ASCII") << QByteArray("\"\\u0041\"") << QByteArray("A");
        QTest::newRow("\\u NUL") << QByteArray("\"a\\u0000b\"") << QByteArray("a\0b", 3);
        QTest::newRow("\\u last one-byte") << QByteArray("\"\\u007F\"") << QByteArray("\x7F");
        QTest::newRow("\\u first two-byte") << QByteArray("\"\\u0080\"") << QByteArray("\xC2\x80");
        QTest::newRow("\\u e acute lower-case hex") << QByteArray("\"Jos\\u00e9\"") << QByteArray("Jos\xC3\xA9");
        QTest::newRow("\\u e acute upper-case hex") << QByteArray("\"Jos\\u00E9\"") << QByteArray("Jos\xC3\xA9");
        QTest::newRow("\\u last two-byte") << QByteArray("\"\\u07FF\"") << QByteArray("\xDF\xBF");
        QTest::newRow("\\u first three-byte") << QByteArray("\"\\u0800\"") << QByteArray("\xE0\xA0\x80");
        QTest::newRow("\\u euro") << QByteArray("\"\\u20AC\"") << QByteArray("\xE2\x82\xAC");
        QTest::newRow("\\u last BMP") << QByteArray("\"\\uFFFF\"") << QByteArray("\xEF\xBF\xBF");
        QTest::newRow("surrogate pair U+1F600") << QByteArray("\"\\uD83D\\uDE00\"") << QByteArray("\xF0\x9F\x98\x80");
        QTest::newRow("surrogate pair U+1D11E") << QByteArray("\"\\ud834\\udd1e\"") << QByteArray("\xF0\x9D\x84\x9E");
        QTest::newRow("first supplementary U+10000")
            << QByteArray("\"\\uD800\\uDC00\"") << QByteArray("\xF0\x90\x80\x80");
        QTest::newRow("last code point U+10FFFF") << QByteArray("\"\\uDBFF\\uDFFF\"") << QByteArray("\xF4\x8F\xBF\xBF");
        QTest::newRow("raw UTF-8 passes through") << QByteArray("\"Berr\xC3\xADos\"") << QByteArray("Berr\xC3\xADos");
        QTest::newRow("raw DEL is not a control character") << QByteArray("\"a\x7F\"") << QByteArray("a\x7F");
        QTest::newRow("escapes between text") << QByteArray("\"x\\u0041y\\n\\\"z\\\"\"") << QByteArray("xAy\n\"z\"");
        QTest::newRow("leading white space") << QByteArray(" \n\"a\"") << QByteArray("a");
    }
    void strings()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        JsonCursor json = cursorOver(input);
        std::string out = "left over";
        QVERIFY2(json.readString(out), qPrintable(json.error()));
        QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), expected);
        QVERIFY(json.atEnd());
        QVERIFY(json.ok());
    }

    // A string without escapes is a view into the input (no copy); with escapes, into scratch.
    void stringViews()
    {
        const QByteArray input("[\"plain\",\"esc\\taped\"]");
        JsonCursor json = cursorOver(input);
        std::string scratch;
        std::string_view view;
        bool first = true;
        QVERIFY(json.beginArray());
        QVERIFY(json.nextElement(first));
        QVERIFY(json.readStringView(view, scratch));
        QCOMPARE(QByteArray(view.data(), qsizetype(view.size())), QByteArray("plain"));
        QCOMPARE(static_cast<const void*>(view.data()), static_cast<const void*>(input.constData() + 2));
        QVERIFY(scratch.empty());
        QVERIFY(json.nextElement(first));
        QVERIFY(json.readStringView(view, scratch));
        QCOMPARE(QByteArray(view.data(), qsizetype(view.size())), QByteArray("esc\taped"));
        QCOMPARE(static_cast<const void*>(view.data()), static_cast<const void*>(scratch.data()));
        QVERIFY(!json.nextElement(first));
        QVERIFY(json.ok());
        QVERIFY(json.atEnd());
    }

    // Each number is the double nearest to its decimal value (as the C++ literal is): compared
    // bit for bit, so -0 is not 0 and the last digit of a 17-digit value counts.
    void numbers_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<double>("expected");
        QTest::newRow("zero") << QByteArray("0") << 0.0;
        QTest::newRow("negative zero") << QByteArray("-0") << -0.0;
        QTest::newRow("negative zero fraction") << QByteArray("-0.0") << -0.0;
        QTest::newRow("integer") << QByteArray("7") << 7.0;
        QTest::newRow("american price") << QByteArray("-115") << -115.0;
        QTest::newRow("half point") << QByteArray("6.5") << 6.5;
        QTest::newRow("negative fraction") << QByteArray("-1.5") << -1.5;
        QTest::newRow("one tenth") << QByteArray("0.1") << 0.1;
        QTest::newRow("decimal price") << QByteArray("1.87") << 1.87;
        QTest::newRow("three decimals") << QByteArray("123.456") << 123.456;
        QTest::newRow("small fraction") << QByteArray("0.000001") << 0.000001;
        QTest::newRow("exponent") << QByteArray("1e3") << 1000.0;
        QTest::newRow("capital exponent") << QByteArray("1E3") << 1000.0;
        QTest::newRow("plus exponent") << QByteArray("1e+3") << 1000.0;
        QTest::newRow("negative exponent") << QByteArray("1e-3") << 0.001;
        QTest::newRow("fraction and exponent") << QByteArray("2.5E-3") << 0.0025;
        QTest::newRow("negative with exponent") << QByteArray("-6.5e0") << -6.5;
        QTest::newRow("exponent with leading zeros") << QByteArray("1e007") << 1e7;
        QTest::newRow("15 digits") << QByteArray("123456789012345") << 123456789012345.0;
        QTest::newRow("15 digits negative") << QByteArray("-999999999999999") << -999999999999999.0;
        QTest::newRow("15 digits fraction") << QByteArray("0.12345678901234") << 0.12345678901234;
        QTest::newRow("16 digits") << QByteArray("1234567890123456") << 1234567890123456.0;
        QTest::newRow("16 digits of pi") << QByteArray("3.141592653589793") << 3.141592653589793;
        QTest::newRow("17 digits") << QByteArray("0.30000000000000004") << 0.30000000000000004;
        QTest::newRow("one ulp above one") << QByteArray("1.0000000000000002") << 1.0000000000000002;
        QTest::newRow("2^53 + 1 rounds to even") << QByteArray("9007199254740993") << 9007199254740992.0;
        QTest::newRow("20 digits") << QByteArray("12345678901234567890") << 12345678901234567890.0;
        QTest::newRow("trailing zeros past 15 digits") << QByteArray("1.000000000000000") << 1.0;
        QTest::newRow("1e308") << QByteArray("1e308") << 1e308;
        QTest::newRow("largest double") << QByteArray("1.7976931348623157e308") << std::numeric_limits<double>::max();
        QTest::newRow("most negative double")
            << QByteArray("-1.7976931348623157e308") << std::numeric_limits<double>::lowest();
        QTest::newRow("smallest normal") << QByteArray("2.2250738585072014e-308") << std::numeric_limits<double>::min();
        QTest::newRow("smallest subnormal") << QByteArray("4.9e-324") << std::numeric_limits<double>::denorm_min();
        QTest::newRow("underflow is zero") << QByteArray("1e-400") << 0.0;
        QTest::newRow("leading white space") << QByteArray("\r\n\t 42") << 42.0;
    }
    void numbers()
    {
        QFETCH(QByteArray, input);
        QFETCH(double, expected);
        JsonCursor json = cursorOver(input);
        double value = -12345;
        QVERIFY2(json.readNumber(value), qPrintable(json.error()));
        QVERIFY2(sameDouble(value, expected),
            qPrintable(QStringLiteral("%1 read as %2, expected %3")
                           .arg(QString::fromLatin1(input))
                           .arg(value, 0, 'g', 17)
                           .arg(expected, 0, 'g', 17)));
        QVERIFY(json.atEnd());
    }

    // A number ends where the grammar says, so the reader goes on right after it.
    void numbersEndAtTheirDelimiter()
    {
        const QByteArray input("[-0.5e1,2,3.25]");
        JsonCursor json = cursorOver(input);
        QVERIFY(json.beginArray());
        bool first = true;
        QList<double> values;
        while (json.nextElement(first)) {
            double v = 0;
            QVERIFY(json.readNumber(v));
            values.append(v);
        }
        QVERIFY(json.ok());
        QCOMPARE(values, (QList<double> { -5.0, 2.0, 3.25 }));
    }

    // skipValue guards its recursion: 257 nested arrays are skipped, the 258th is refused at its
    // own byte (the loader's stack never depends on the file).
    void nestingDepth()
    {
        {
            const QByteArray deep = nested(257);
            JsonCursor json = cursorOver(deep);
            QVERIFY2(json.skipValue(), qPrintable(json.error()));
            QVERIFY(json.atEnd());
        }
        {
            const QByteArray tooDeep = nested(258);
            JsonCursor json = cursorOver(tooDeep);
            QVERIFY(!json.skipValue());
            QCOMPARE(json.error(), invalid(257, "nested too deeply"));
        }
        {
            QByteArray objects;
            for (int i = 0; i < 300; ++i)
                objects += "{\"a\":";
            objects += "1" + QByteArray(300, '}');
            JsonCursor json = cursorOver(objects);
            QVERIFY(!json.skipValue());
            QCOMPARE(json.error(), invalid(257 * 5, "nested too deeply"));
        }
    }

    // Reading the wrong type is an error at the value's first byte.
    void wrongType_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("error");
        QTest::newRow("object expected") << QByteArray(" []") << QStringLiteral("beginObject")
                                         << invalid(1, "expected an object");
        QTest::newRow("array expected") << QByteArray("{}") << QStringLiteral("beginArray")
                                        << invalid(0, "expected an array");
        QTest::newRow("object expected at the end")
            << QByteArray("") << QStringLiteral("beginObject") << invalid(0, "expected an object");
        QTest::newRow("string expected") << QByteArray("1") << QStringLiteral("readString")
                                         << invalid(0, "expected a string");
        QTest::newRow("string expected at the end")
            << QByteArray("  ") << QStringLiteral("readString") << invalid(2, "unexpected end of input");
        QTest::newRow("number expected") << QByteArray("\"1\"") << QStringLiteral("readNumber")
                                         << invalid(0, "expected a number");
        QTest::newRow("number expected, got null")
            << QByteArray("null") << QStringLiteral("readNumber") << invalid(0, "expected a number");
    }
    void wrongType()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, call);
        QFETCH(QString, error);
        JsonCursor json = cursorOver(input);
        std::string text;
        double number = 0;
        bool read = true;
        if (call == u"beginObject")
            read = json.beginObject();
        else if (call == u"beginArray")
            read = json.beginArray();
        else if (call == u"readString")
            read = json.readString(text);
        else
            read = json.readNumber(number);
        QVERIFY(!read);
        QVERIFY(!json.ok());
        QCOMPARE(json.error(), error);
    }

    // takeNull() takes only null: anything else is left to read, and is not an error.
    void takeNull()
    {
        const QByteArray input("[null, 5, \"n\"]");
        JsonCursor json = cursorOver(input);
        QVERIFY(json.beginArray());
        bool first = true;
        QVERIFY(json.nextElement(first));
        QVERIFY(json.takeNull());
        QVERIFY(json.nextElement(first));
        QVERIFY(!json.takeNull());
        QVERIFY(json.ok());
        double v = 0;
        QVERIFY(json.readNumber(v));
        QCOMPARE(v, 5.0);
        QVERIFY(json.nextElement(first));
        QVERIFY(!json.takeNull());
        std::string s;
        QVERIFY(json.readString(s));
        QCOMPARE(s, std::string("n"));
        QVERIFY(!json.nextElement(first));
        QVERIFY(json.ok());
        QVERIFY(json.atEnd());
    }

    // The header's usage: one outcome of an odds answer, read member by member, skipping what
    // is not needed.
    void headerUsage()
    {
        const QByteArray input(
            "{\"name\":\"Over\",\"extra\":{\"x\":[1,2,{\"y\":null}]},\"description\":\"Gerrit Cole\","
            "\"price\":-115,\"point\":6.5}");
        JsonCursor json = cursorOver(input);
        QVERIFY(json.beginObject());
        bool first = true;
        std::string_view key;
        std::string name, description;
        double price = 0, point = 0;
        QStringList keys;
        while (json.nextMember(first, key)) {
            keys.append(QString::fromUtf8(key.data(), qsizetype(key.size())));
            if (key == "name")
                QVERIFY(json.readString(name));
            else if (key == "description")
                QVERIFY(json.readString(description));
            else if (key == "price")
                QVERIFY(json.readNumber(price));
            else if (key == "point")
                QVERIFY(json.readNumber(point));
            else
                QVERIFY(json.skipValue());
        }
        QVERIFY2(json.ok(), qPrintable(json.error()));
        QVERIFY(json.atEnd());
        QCOMPARE(keys, QStringLiteral("name,extra,description,price,point").split(u','));
        QCOMPARE(name, std::string("Over"));
        QCOMPARE(description, std::string("Gerrit Cole"));
        QCOMPARE(price, -115.0);
        QCOMPARE(point, 6.5);
    }

    // The first error sticks: every later read fails fast and keeps the first message.
    void errorSticks()
    {
        const QByteArray input("[1,]  [2]");
        JsonCursor json = cursorOver(input);
        QVERIFY(json.beginArray());
        bool first = true;
        QVERIFY(json.nextElement(first));
        double v = 0;
        QVERIFY(json.readNumber(v));
        QVERIFY(!json.nextElement(first));
        const QString error = invalid(3, "trailing ',' in an array");
        QCOMPARE(json.error(), error);
        QVERIFY(!json.beginArray());
        QVERIFY(!json.nextElement(first));
        QVERIFY(!json.readNumber(v));
        std::string s;
        QVERIFY(!json.readString(s));
        QVERIFY(!json.takeNull());
        QVERIFY(!json.skipValue());
        bool firstMember = true;
        std::string_view key;
        QVERIFY(!json.nextMember(firstMember, key));
        QCOMPARE(json.peek(), '\0');
        QVERIFY(!json.ok());
        QCOMPARE(json.error(), error);
    }
};

QTEST_GUILESS_MAIN(TestJsonCursor)
#include "tst_jsoncursor.moc"
