// PredictionImporter / PredictionStore: CSV parsing and the all-or-nothing replace.
#include "evaluation/CsvReader.h"
#include "evaluation/PredictionImporter.h"
#include "evaluation/PredictionStore.h"
#include "storage/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;

namespace {

// The records of `text` fed to one CsvReader in pieces of `pieceSize` characters.
QList<QPair<int, QStringList>> readInPieces(const QString& text, qsizetype pieceSize, QString& error)
{
    QList<QPair<int, QStringList>> records;
    CsvReader reader([&records](const CsvReader::Record& record) {
        records.append({ record.line, record.fields });
        return true;
    });
    bool ok = true;
    for (qsizetype at = 0; ok && at < text.size(); at += pieceSize)
        ok = reader.feed(QStringView(text).mid(at, pieceSize));
    if (ok)
        ok = reader.finish();
    error = ok ? QString() : reader.error();
    return records;
}

} // namespace

class TestPredictionImporter final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("firstName");
        QTest::addColumn<QString>("firstLookup");
        QTest::addColumn<double>("firstPredicted");
        QTest::addColumn<int>("lastLine");

        QTest::newRow("plain-lf") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n"
                                                "2024-05-01,Gerrit Cole,6.5\n2024-05-02,Chris Sale,7\n")
                                  << 2 << QStringLiteral("Gerrit Cole") << QStringLiteral("gerritcole") << 6.5 << 3;
        QTest::newRow("bom-and-crlf") << QByteArray("\xEF\xBB\xBFgame_date,pitcher_name,predicted_strikeouts\r\n"
                                                    "2024-05-01,Jos\xC3\xA9 Berr\xC3\xADos,5.25\r\n")
                                      << 1 << QStringLiteral("José Berríos") << QStringLiteral("joseberrios") << 5.25
                                      << 2;
        QTest::newRow("columns-any-order-extra-ignored")
            << QByteArray(
                   "team,predicted_strikeouts,model_version,pitcher_name,game_date,actual_strikeouts,recommendation\n"
                   "NYY,6.5,v3,Gerrit Cole,2024-05-01,8,over\n")
            << 1 << QStringLiteral("Gerrit Cole") << QStringLiteral("gerritcole") << 6.5 << 2;
        QTest::newRow("quoted-comma-quote-newline")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts,team\n"
                          "2024-05-01,\"Cole, \"\"The Ace\"\" Gerrit\",6.5,\"New York\nYankees\"\n"
                          "2024-05-02,Chris Sale,7,BOS\n")
            << 2 << QStringLiteral("Cole, \"The Ace\" Gerrit") << QStringLiteral("coletheacegerrit") << 6.5 << 4;
        QTest::newRow("header-case-and-spaces")
            << QByteArray(" Game_Date , PITCHER_NAME,predicted_strikeouts\n"
                          "2024-05-01,Gerrit Cole,6.5\n")
            << 1 << QStringLiteral("Gerrit Cole") << QStringLiteral("gerritcole") << 6.5 << 2;
        QTest::newRow("blank-lines-skipped")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts\n\n"
                          "2024-05-01,Gerrit Cole,6.5\n\n\n")
            << 1 << QStringLiteral("Gerrit Cole") << QStringLiteral("gerritcole") << 6.5 << 3;
        QTest::newRow("no-final-newline")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,Gerrit Cole,6.5") << 1
            << QStringLiteral("Gerrit Cole") << QStringLiteral("gerritcole") << 6.5 << 2;
    }
    void accepted()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, rows);
        QFETCH(QString, firstName);
        QFETCH(QString, firstLookup);
        QFETCH(double, firstPredicted);
        QFETCH(int, lastLine);
        std::vector<Prediction> predictions;
        QString error;
        QVERIFY2(PredictionImporter::parse(csv, predictions, error), qPrintable(error));
        QCOMPARE(int(predictions.size()), rows);
        if (rows == 0)
            return;
        QCOMPARE(predictions.front().pitcherName, firstName);
        QCOMPARE(predictions.front().playerLookup, firstLookup);
        QCOMPARE(predictions.front().predictedStrikeouts, firstPredicted);
        QCOMPARE(predictions.front().gameDate, QDate(2024, 5, 1));
        QCOMPARE(predictions.back().lineNumber, lastLine);
    }

    void optionalColumns()
    {
        std::vector<Prediction> predictions;
        QString error;
        QVERIFY2(PredictionImporter::parse(
                     "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts,recommendation,team\n"
                     "2024-05-01,A Pitcher,6.5,7,Under,NYY\n"
                     "2024-05-01,B Pitcher,6.5,,,\n",
                     predictions, error),
            qPrintable(error));
        QCOMPARE(predictions[0].actualStrikeouts, std::optional(7));
        QCOMPARE(predictions[0].recommendation, std::optional(Recommendation::Under));
        QCOMPARE(predictions[0].team, QStringLiteral("NYY"));
        QVERIFY(!predictions[1].actualStrikeouts);
        QVERIFY(!predictions[1].recommendation);
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty-file") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("only-white-space") << QByteArray(" \r\n\n") << QStringLiteral("empty");
        QTest::newRow("bom-only") << QByteArray("\xEF\xBB\xBF") << QStringLiteral("empty");
        QTest::newRow("missing-predicted-column") << QByteArray("game_date,pitcher_name\n2024-05-01,Gerrit Cole\n")
                                                  << QStringLiteral("missing required column predicted_strikeouts");
        QTest::newRow("missing-two-columns")
            << QByteArray("pitcher_name\nGerrit Cole\n")
            << QStringLiteral("missing required columns game_date, predicted_strikeouts");
        QTest::newRow("non-numeric-prediction")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,6\n2024-05-01,B,six\n")
            << QStringLiteral("line 3, column predicted_strikeouts: 'six' is not a number");
        QTest::newRow("blank-prediction") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,\n")
                                          << QStringLiteral("line 2, column predicted_strikeouts: is empty");
        QTest::newRow("line-number-after-multiline-field") << QByteArray(
            "game_date,pitcher_name,predicted_strikeouts,team\n2024-05-01,A,6,\"two\nlines\"\n"
            "2024-05-01,B,x,NYY\n") << QStringLiteral("line 4, column predicted_strikeouts");
        QTest::newRow("line-number-with-crlf") << QByteArray(
            "game_date,pitcher_name,predicted_strikeouts\r\n2024-05-01,A,6\r\n2024-05-01,B,6\r\n2024-13-"
            "01,C,6\r\n") << QStringLiteral("line 4, column game_date: '2024-13-01' is not a date YYYY-MM-DD");
        QTest::newRow("bad-date-format") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n05/01/2024,A,6\n")
                                         << QStringLiteral("line 2, column game_date");
        QTest::newRow("bad-actual") << QByteArray(
            "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts\n2024-05-01,A,6,6.5\n")
                                    << QStringLiteral("line 2, column actual_strikeouts");
        QTest::newRow("negative-actual") << QByteArray(
            "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts\n2024-05-01,A,6,-1\n")
                                         << QStringLiteral("line 2, column actual_strikeouts");
        QTest::newRow("bad-recommendation")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts,recommendation\n2024-05-01,A,6,BUY\n")
            << QStringLiteral("line 2, column recommendation: 'BUY' is not OVER, UNDER or PASS");
        QTest::newRow("empty-name") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,,6\n")
                                    << QStringLiteral("line 2, column pitcher_name: is empty");
        QTest::newRow("short-row") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A\n")
                                   << QStringLiteral("line 2, column predicted_strikeouts: missing");
        QTest::newRow("unterminated-quote")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,\"A,6\n")
            << QStringLiteral("line 2: quoted field is never closed");
        QTest::newRow("header-only") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n")
                                     << QStringLiteral("has a header and no rows");
        QTest::newRow("header-and-blank-lines") << QByteArray("game_date,pitcher_name,predicted_strikeouts\r\n\r\n\n")
                                                << QStringLiteral("has a header and no rows");
        QTest::newRow("duplicated-header")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts,Pitcher_Name\n2024-05-01,A,6,B\n")
            << QStringLiteral("line 1: column 'Pitcher_Name' appears twice (columns 2 and 4)");
        QTest::newRow("name-too-long") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,")
                + QByteArray(201, 'a')
                + QByteArray(
                    ",6\n") << QStringLiteral("line 2, column pitcher_name: is 201 characters long (at most 200)");
        QTest::newRow("huge-field") << QByteArray("game_date,pitcher_name,predicted_strikeouts,team\n2024-05-01,A,6,")
                + QByteArray(10 * 1024 * 1024, 'x')
                + QByteArray("\n") << QStringLiteral("line 2, column team: is 10485760 characters long (at most 1000)");
        QTest::newRow("nul-inside-number")
            << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,6") + '\0' + QByteArray("5\n")
            << QStringLiteral("line 2, column predicted_strikeouts: '6\\x005' is not a number");
        QTest::newRow("not-utf8") << QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,Jos\xE9,6\n")
                                  << QStringLiteral("not UTF-8");
    }
    void rejected()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, messagePart);
        std::vector<Prediction> predictions;
        QString error;
        QVERIFY(!PredictionImporter::parse(csv, predictions, error));
        QVERIFY2(error.contains(messagePart), qPrintable(error));
    }

    // The importer feeds the reader 64 KiB at a time, so a quote, a "" escape, a CRLF or a
    // line break inside quotes may fall on a piece boundary: every split must read the same.
    void csvInPieces_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("a,b,c\n1,2,3\n");
        QTest::newRow("crlf-and-blank-lines") << QStringLiteral("a,b\r\n\r\n1,2\r\n\n3,4");
        QTest::newRow("lone-cr") << QStringLiteral("a,b\r1,2\r");
        QTest::newRow("quotes") << QStringLiteral("a,\"b,\"\"c\"\"\"\n\"x\ny\",\"\"\r\nz,\"\"\"\"");
        QTest::newRow("quote-inside-unquoted") << QStringLiteral("ab\"c,d\n");
        QTest::newRow("empty-quoted-at-end") << QStringLiteral("a,\"\"");
        QTest::newRow("text-after-quote") << QStringLiteral("a\n\"b\"c,d\n");
        QTest::newRow("never-closed") << QStringLiteral("a\nb,\"c\nd\n");
    }
    void csvInPieces()
    {
        QFETCH(QString, text);
        std::vector<CsvReader::Record> whole;
        QString wholeError;
        const bool wholeOk = CsvReader::parse(text, whole, wholeError);
        QList<QPair<int, QStringList>> expected;
        for (const auto& record : whole)
            expected.append({ record.line, record.fields });
        for (qsizetype pieceSize = 1; pieceSize <= text.size(); ++pieceSize) {
            QString error;
            const auto records = readInPieces(text, pieceSize, error);
            QCOMPARE(error, wholeError);
            if (wholeOk)
                QCOMPARE(records, expected);
        }
    }

    // A file of many 64 KiB pieces and many 64-row INSERTs (plus a partial last one), with a
    // two-byte character split across the first piece boundary; then the same file with a bad
    // last row: nothing of it may be stored.
    void largeFileStreamed()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace, qPrintable(error));
        const auto connection = workspace->connect(error);
        QByteArray csv("game_date,pitcher_name,predicted_strikeouts,team\n");
        while (csv.size() < 65536 - 600)
            csv += "2024-05-01,Gerrit Cole,6.5,NYY\n";
        // A team padded so that the next row's "é" (2 bytes) starts at the first piece's last byte.
        const QByteArray padded("2024-05-02,Chris Sale,7,");
        const QByteArray next("2024-05-02,Jos");
        const qsizetype padding = 65535 - (csv.size() + padded.size() + 1 + next.size());
        csv += padded + QByteArray(padding, 'x') + "\n" + next + "\xC3\xA9 Berr\xC3\xADos,5.5,TOR\n";
        QCOMPARE(csv.indexOf("\xC3\xA9"), qsizetype(65535));
        const int firstRows = csv.count('\n') - 1;
        for (int i = 0; i < 20000; ++i)
            csv += "2024-05-03,Lance McCullers Jr.," + QByteArray::number(4 + i % 5) + ",HOU\n";
        const int rows = csv.count('\n') - 1;
        QVERIFY(rows % 64 != 0);
        auto write = [&dir](const char* name, const QByteArray& contents) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            file.open(QIODevice::WriteOnly);
            file.write(contents);
            return file.fileName();
        };
        QCOMPARE(PredictionImporter::importFile(write("big.csv", csv), connection, error), rows);
        auto stored = PredictionStore::load(connection, error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(int(stored->size()), rows);
        const Prediction& berrios = stored->at(std::size_t(firstRows - 1));
        QCOMPARE(berrios.pitcherName, QStringLiteral("José Berríos"));
        QCOMPARE(berrios.playerLookup, QStringLiteral("joseberrios"));
        QCOMPARE(stored->back().lineNumber, rows + 1);
        QCOMPARE(stored->back().predictedStrikeouts, double(4 + 19999 % 5));
        // Equal values read back share one string.
        QVERIFY(stored->at(0).pitcherName.constData() == stored->at(1).pitcherName.constData());
        QVERIFY(stored->at(0).team.constData() == stored->at(1).team.constData());
        QVERIFY(stored->back().playerLookup.constData() == stored->at(stored->size() - 2).playerLookup.constData());

        const QByteArray bad = csv + "2024-05-04,Last Row,six,HOU\n";
        QCOMPARE(PredictionImporter::importFile(write("bad.csv", bad), connection, error), -1);
        QCOMPARE(
            error, QStringLiteral("bad.csv line %1, column predicted_strikeouts: 'six' is not a number").arg(rows + 2));
        QCOMPARE(int(PredictionStore::load(connection, error)->size()), rows);
        QCOMPARE(PredictionStore::source(connection), dir.filePath(QStringLiteral("big.csv")));
    }

    void failedImportKeepsPreviousSet()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace, qPrintable(error));
        const auto connection = workspace->connect(error);
        auto write = [&dir](const char* name, const QByteArray& contents) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            file.open(QIODevice::WriteOnly);
            file.write(contents);
            return file.fileName();
        };
        const QString good
            = write("good.csv", "game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,6\n2024-05-02,B,7\n");
        QCOMPARE(PredictionImporter::importFile(good, connection, error), 2);
        // The bad row is the LAST one: every earlier row parsed, nothing may be stored.
        const QString bad
            = write("bad.csv", "game_date,pitcher_name,predicted_strikeouts\n2024-06-01,C,6\n2024-06-02,D,x\n");
        QCOMPARE(PredictionImporter::importFile(bad, connection, error), -1);
        QVERIFY2(error.startsWith(QStringLiteral("bad.csv line 3")), qPrintable(error));
        auto stored = PredictionStore::load(connection, error);
        QVERIFY(stored);
        QCOMPARE(int(stored->size()), 2);
        QCOMPARE(stored->at(0).pitcherName, QStringLiteral("A"));
        QCOMPARE(PredictionStore::source(connection), good);
        QCOMPARE(PredictionImporter::importFile(dir.filePath(QStringLiteral("missing.csv")), connection, error), -1);
        QVERIFY(error.contains(QStringLiteral("cannot read")));
        QCOMPARE(int(PredictionStore::load(connection, error)->size()), 2);
        // A file with a header and no rows would empty the set: refused, the stored set stays.
        const QString headerOnly = write("header-only.csv", "game_date,pitcher_name,predicted_strikeouts\n");
        QCOMPARE(PredictionImporter::importFile(headerOnly, connection, error), -1);
        QCOMPARE(error, QStringLiteral("header-only.csv has a header and no rows"));
        QCOMPARE(int(PredictionStore::load(connection, error)->size()), 2);
        QCOMPARE(PredictionStore::source(connection), good);

        // A good import replaces the whole set, and the stored rows round-trip.
        const QString next = write("next.csv",
            "game_date,pitcher_name,predicted_strikeouts,actual_strikeouts,recommendation,team\n"
            "2024-07-01,Lance McCullers Jr.,5.5,4,UNDER,HOU\n");
        QCOMPARE(PredictionImporter::importFile(next, connection, error), 1);
        stored = PredictionStore::load(connection, error);
        QCOMPARE(int(stored->size()), 1);
        const Prediction& p = stored->front();
        QCOMPARE(p.gameDate, QDate(2024, 7, 1));
        QCOMPARE(p.playerLookup, QStringLiteral("lancemccullers"));
        QCOMPARE(p.predictedStrikeouts, 5.5);
        QCOMPARE(p.actualStrikeouts, std::optional(4));
        QCOMPARE(p.recommendation, std::optional(Recommendation::Under));
        QCOMPARE(p.team, QStringLiteral("HOU"));
        QCOMPARE(p.lineNumber, 2);
    }
};

QTEST_GUILESS_MAIN(TestPredictionImporter)
#include "tst_predictionimporter.moc"
