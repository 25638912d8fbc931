// CsvReader, the RFC 4180 reader under the predictions import (evaluation.md): quoting ("" for
// a quote, commas and line breaks inside quotes), CRLF and LF, empty fields, blank lines, the
// physical line each record starts on, and the line an error names. The importer feeds it
// 64 KiB pieces, so every case is also read in every two-piece split, one character at a
// time and in random-size pieces (fixed seeds), and must give the same records and error.
// (A UTF-8 BOM is dropped before the text reaches the reader: PredictionImporter's decoder,
// tested in tst_predictionimporter.)
#include "evaluation/CsvReader.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace bfs;

namespace {

// "line:field|field|…" with line breaks inside fields made visible.
QString render(const CsvReader::Record& record)
{
    QStringList fields;
    for (const QString& field : record.fields) {
        QString shown = field;
        shown.replace(u'\r', QStringLiteral("\\r")).replace(u'\n', QStringLiteral("\\n"));
        fields.append(shown);
    }
    return QString::number(record.line) + u':' + fields.join(u'|');
}

struct Result {
    QStringList records;
    QString error;
    bool ok = false;
};

// Feeds `text` in pieces whose sizes `nextSize` chooses, then finishes.
template <typename NextSize> Result readInPieces(const QString& text, NextSize&& nextSize)
{
    Result result;
    CsvReader reader([&result](const CsvReader::Record& record) {
        result.records.append(render(record));
        return true;
    });
    result.ok = true;
    for (qsizetype at = 0; at < text.size() && result.ok;) {
        const qsizetype size = std::min(nextSize(), text.size() - at);
        result.ok = reader.feed(QStringView(text).mid(at, size));
        at += size;
    }
    if (result.ok)
        result.ok = reader.finish();
    result.error = reader.error();
    return result;
}

QStringList lines(std::initializer_list<const char*> rendered)
{
    QStringList list;
    for (const char* r : rendered)
        list.append(QString::fromUtf8(r));
    return list;
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Each case: the records (line they start on, then the fields) and the error, if any.
    // Records before an error are handed over as they end.
    void cases_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("records");
        QTest::addColumn<QString>("error");

        // Records, line breaks and blank lines.
        QTest::newRow("lf") << QStringLiteral("a,b,c\n1,2,3\n") << lines({ "1:a|b|c", "2:1|2|3" }) << QString();
        QTest::newRow("crlf") << QStringLiteral("a,b,c\r\n1,2,3\r\n") << lines({ "1:a|b|c", "2:1|2|3" }) << QString();
        QTest::newRow("crlf and lf mixed")
            << QStringLiteral("a\r\nb\nc\r\nd") << lines({ "1:a", "2:b", "3:c", "4:d" }) << QString();
        QTest::newRow("lone cr ends a record")
            << QStringLiteral("a,b\r1,2\r") << lines({ "1:a|b", "2:1|2" }) << QString();
        QTest::newRow("cr then crlf is two line breaks")
            << QStringLiteral("a\r\r\nb") << lines({ "1:a", "3:b" }) << QString();
        QTest::newRow("no final line break") << QStringLiteral("a,b\n1,2") << lines({ "1:a|b", "2:1|2" }) << QString();
        QTest::newRow("empty text") << QString() << QStringList() << QString();
        QTest::newRow("only line breaks") << QStringLiteral("\n\r\n\n\r") << QStringList() << QString();
        QTest::newRow("blank lines are skipped and counted")
            << QStringLiteral("a\n\nb\n\r\n\nc") << lines({ "1:a", "3:b", "6:c" }) << QString();
        QTest::newRow("white space only is blank")
            << QStringLiteral("a\n  \t \nb\n") << lines({ "1:a", "3:b" }) << QString();
        QTest::newRow("a lone comma is a record") << QStringLiteral(",\n") << lines({ "1:|" }) << QString();

        // Fields.
        QTest::newRow("empty fields") << QStringLiteral(",,\n") << lines({ "1:||" }) << QString();
        QTest::newRow("empty first field") << QStringLiteral(",a\n") << lines({ "1:|a" }) << QString();
        QTest::newRow("empty last field") << QStringLiteral("a,\n") << lines({ "1:a|" }) << QString();
        QTest::newRow("empty last field at the end") << QStringLiteral("a,") << lines({ "1:a|" }) << QString();
        QTest::newRow("spaces are data") << QStringLiteral(" a , b \n") << lines({ "1: a | b " }) << QString();
        QTest::newRow("unicode") << QStringLiteral("Jos\u00e9 Berr\u00edos,\U0001F600\n")
                                 << QStringList { QStringLiteral("1:Jos\u00e9 Berr\u00edos|\U0001F600") } << QString();

        // Quoting.
        QTest::newRow("quoted fields") << QStringLiteral("\"a\",\"b\"\n") << lines({ "1:a|b" }) << QString();
        QTest::newRow("empty quoted field") << QStringLiteral("a,\"\",b\n") << lines({ "1:a||b" }) << QString();
        QTest::newRow("doubled quote") << QStringLiteral("\"say \"\"hi\"\"\"\n") << lines({ "1:say \"hi\"" })
                                       << QString();
        QTest::newRow("only a doubled quote") << QStringLiteral("x,\"\"\"\"\n") << lines({ "1:x|\"" }) << QString();
        QTest::newRow("comma inside quotes") << QStringLiteral("\"a,b\",c\n") << lines({ "1:a,b|c" }) << QString();
        QTest::newRow("lf inside quotes")
            << QStringLiteral("\"x\ny\",z\nnext\n") << lines({ "1:x\\ny|z", "3:next" }) << QString();
        QTest::newRow("crlf inside quotes") << QStringLiteral("h\r\n\"x\r\ny\",z\r\nnext\r\n")
                                            << lines({ "1:h", "2:x\\r\\ny|z", "4:next" }) << QString();
        QTest::newRow("several line breaks inside quotes")
            << QStringLiteral("a,\"1\n2\n\n3\"\nb\n") << lines({ "1:a|1\\n2\\n\\n3", "5:b" }) << QString();
        QTest::newRow("quoted field at the end of the text")
            << QStringLiteral("a,\"b\"\"\"") << lines({ "1:a|b\"" }) << QString();
        QTest::newRow("quoted line break at the end of the text")
            << QStringLiteral("\"a\nb\"") << lines({ "1:a\\nb" }) << QString();
        QTest::newRow("quote inside an unquoted field is data")
            << QStringLiteral("ab\"c,d\n") << lines({ "1:ab\"c|d" }) << QString();
        QTest::newRow("quote after a space is data")
            << QStringLiteral(" \"a\",b\n") << lines({ "1: \"a\"|b" }) << QString();
        QTest::newRow("quoted fields on the second line")
            << QStringLiteral("game_date,pitcher_name\n2024-05-01,\"Cole, Gerrit\"\n")
            << lines({ "1:game_date|pitcher_name", "2:2024-05-01|Cole, Gerrit" }) << QString();

        // Errors name the line.
        QTest::newRow("text after a closing quote") << QStringLiteral("a\n\"b\"c,d\n") << lines({ "1:a" })
                                                    << QStringLiteral("line 2: unexpected text after a closing quote");
        QTest::newRow("space after a closing quote") << QStringLiteral("\"a\" ,b\n") << QStringList()
                                                     << QStringLiteral("line 1: unexpected text after a closing quote");
        QTest::newRow("text after a multi-line quoted field") << QStringLiteral(
            "h\n\"a\nb\"x\n") << lines({ "1:h" }) << QStringLiteral("line 3: unexpected text after a closing quote");
        QTest::newRow("unterminated quote") << QStringLiteral("a\nb,\"c\nd\n") << lines({ "1:a" })
                                            << QStringLiteral("line 2: quoted field is never closed");
        QTest::newRow("unterminated quote on the first line")
            << QStringLiteral("\"abc") << QStringList() << QStringLiteral("line 1: quoted field is never closed");
        QTest::newRow("unterminated quote after quoted line breaks")
            << QStringLiteral("h\r\nx,\"ok\r\nstill\",\"open\r\n\r\nz") << lines({ "1:h" })
            << QStringLiteral("line 3: quoted field is never closed");
        QTest::newRow("unterminated quote ending in a doubled quote") << QStringLiteral(
            "a\n\"b\"\"") << lines({ "1:a" }) << QStringLiteral("line 2: quoted field is never closed");
    }

    void cases()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, records);
        QFETCH(QString, error);
        const Result whole = readInPieces(text, [&text] { return std::max<qsizetype>(1, text.size()); });
        QCOMPARE(whole.records, records);
        QCOMPARE(whole.error, error);
        QCOMPARE(whole.ok, error.isEmpty());

        // parse() is the same reader over the whole text.
        std::vector<CsvReader::Record> parsed;
        QString parseError;
        QCOMPARE(CsvReader::parse(text, parsed, parseError), error.isEmpty());
        QCOMPARE(parseError, error);
        if (error.isEmpty()) {
            QStringList rendered;
            for (const auto& record : parsed)
                rendered.append(render(record));
            QCOMPARE(rendered, records);
        }
    }

    // The same cases one character at a time, in every split into two pieces, and in random
    // pieces of 1–7 characters: a quote, a "" escape, a CRLF or a record may straddle pieces.
    void inPieces_data() { cases_data(); }
    void inPieces()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, records);
        QFETCH(QString, error);
        auto check = [&](const Result& r, const QString& how) {
            QVERIFY2(
                r.records == records, qPrintable(how + QStringLiteral(": ") + r.records.join(QStringLiteral(" / "))));
            QVERIFY2(r.error == error, qPrintable(how + QStringLiteral(": ") + r.error));
            QVERIFY2(r.ok == error.isEmpty(), qPrintable(how));
        };
        check(readInPieces(text, [] { return qsizetype(1); }), QStringLiteral("one character at a time"));
        for (qsizetype split = 1; split < text.size(); ++split) {
            bool firstPiece = true;
            check(readInPieces(text,
                      [&] {
                          const qsizetype size = firstPiece ? split : text.size();
                          firstPiece = false;
                          return size;
                      }),
                QStringLiteral("split at %1").arg(split));
        }
        for (quint32 seed = 1; seed <= 20; ++seed) {
            QRandomGenerator random(seed);
            check(readInPieces(text, [&random] { return qsizetype(random.bounded(1, 8)); }),
                QStringLiteral("random pieces, seed %1").arg(seed));
        }
    }

    // A file of many 64 KiB pieces, as the importer feeds it: a record holding a "" escape, a
    // comma and a CRLF inside quotes, placed (after a filler record) so that the piece boundary
    // falls before each one of its characters in turn, its own closing CRLF included. The
    // expected records are built alongside.
    void recordsAcrossSixtyFourKiBPieces()
    {
        constexpr qsizetype Piece = 64 * 1024;
        const QString tricky = QStringLiteral("7,\"a\"\"b,\r\nc\",z\r\n"); // 16 characters
        QCOMPARE(tricky.size(), qsizetype(16));
        QString text = QStringLiteral("h1,h2\n");
        QStringList expected { QStringLiteral("1:h1|h2") };
        int line = 2;
        for (qsizetype cut = 1; cut < tricky.size(); ++cut) {
            // The filler ends where the tricky record must start for the boundary to fall `cut`
            // characters into it.
            qsizetype boundary = (text.size() / Piece + 1) * Piece;
            if (boundary - cut - text.size() < 3)
                boundary += Piece;
            const qsizetype filler = boundary - cut - text.size() - 1; // its 'y's, then LF
            text += QString(filler, u'y') + u'\n';
            expected.append(QStringLiteral("%1:%2").arg(line++).arg(QString(filler, u'y')));
            text += tricky;
            QCOMPARE(text.mid(boundary - cut, tricky.size()), tricky);
            expected.append(QStringLiteral("%1:7|a\"b,\\r\\nc|z").arg(line));
            line += 2;
        }
        QVERIFY(text.size() > 15 * Piece);
        const Result r = readInPieces(text, [] { return Piece; });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.records.size(), expected.size());
        QCOMPARE(r.records, expected);
    }

    // The handler stops the reading: no further record, feed() and finish() say so, no error.
    void handlerStops()
    {
        QStringList seen;
        CsvReader reader([&seen](const CsvReader::Record& record) {
            seen.append(render(record));
            return seen.size() < 2;
        });
        QVERIFY(reader.feed(u"a\nb"));
        QVERIFY(!reader.feed(u"\nc\nd\n"));
        QCOMPARE(seen, lines({ "1:a", "2:b" }));
        QVERIFY(!reader.feed(u"e\n"));
        QVERIFY(!reader.finish());
        QVERIFY(reader.error().isEmpty());
        QCOMPARE(seen.size(), 2);
    }

    // A last record without a line break is handed over by finish(), which can stop too.
    void handlerStopsAtTheLastRecord()
    {
        int calls = 0;
        CsvReader reader([&calls](const CsvReader::Record&) { return ++calls < 2; });
        QVERIFY(reader.feed(u"a\n\"b"));
        QCOMPARE(calls, 1);
        QVERIFY(reader.feed(u"\""));
        QCOMPARE(calls, 1);
        QVERIFY(!reader.finish());
        QCOMPARE(calls, 2);
        QVERIFY(reader.error().isEmpty());
    }

    // An error stops the reader: later pieces are refused and the first error stays.
    void errorSticks()
    {
        int calls = 0;
        CsvReader reader([&calls](const CsvReader::Record&) { return ++calls > 0; });
        QVERIFY(!reader.feed(u"\"a\"b\n"));
        const QString error = QStringLiteral("line 1: unexpected text after a closing quote");
        QCOMPARE(reader.error(), error);
        QVERIFY(!reader.feed(u"c,d\n"));
        QVERIFY(!reader.finish());
        QCOMPARE(reader.error(), error);
        QCOMPARE(calls, 0);
    }

    void quote_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << QStringLiteral("Gerrit Cole") << QStringLiteral("Gerrit Cole");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("spaces stay unquoted") << QStringLiteral(" a ") << QStringLiteral(" a ");
        QTest::newRow("comma") << QStringLiteral("Cole, Gerrit") << QStringLiteral("\"Cole, Gerrit\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("only a quote") << QStringLiteral("\"") << QStringLiteral("\"\"\"\"");
        QTest::newRow("lf") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("cr") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    }
    void quote()
    {
        QFETCH(QString, field);
        QFETCH(QString, quoted);
        QCOMPARE(CsvReader::quote(field), quoted);
    }

    // What quote() writes, the reader reads back field for field.
    void quoteRoundTrips()
    {
        const QStringList fields { QStringLiteral("plain"), QString(), QStringLiteral("a,b"),
            QStringLiteral("\"quoted\""), QStringLiteral("two\r\nlines"), QStringLiteral("x\ny\"z,"),
            QStringLiteral("\""), QStringLiteral("Jos\u00e9") };
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(CsvReader::quote(f));
        const QString text = quoted.join(u',') + QStringLiteral("\r\nnext\r\n");
        std::vector<CsvReader::Record> records;
        QString error;
        QVERIFY2(CsvReader::parse(text, records, error), qPrintable(error));
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[0].fields, fields);
        QCOMPARE(records[0].line, 1);
        QCOMPARE(records[1].line, 4); // the two quoted line breaks (CRLF counts once, LF once)
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
