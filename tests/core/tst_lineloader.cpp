// Phase 2: raw event-odds files → betting_lines (odds-api.md). Parser rules, then the
// loader against a real workspace (SQLite) with files written the way phase 1 writes them.
#include "TestSupport.h"
#include "jobs/JobEngine.h"
#include "odds/load/LineLoader.h"
#include "odds/load/NdjsonExport.h"
#include "odds/load/OddsPrices.h"
#include "odds/load/OddsSnapshotParser.h"
#include "storage/SqliteHandle.h"
#include "storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

using namespace bfs;
using nlohmann::json;

namespace bfs {
char* toString(JobStatus status)
{
    return qstrdup(qPrintable(jobStatusName(status)));
}
} // namespace bfs

namespace {

json outcome(const char* side, const std::string& player, json price, double point)
{
    return { { "name", side }, { "description", player }, { "price", price }, { "point", point } };
}

json bookmaker(const std::string& key, json outcomes, const std::string& update = "2024-05-03T22:01:00Z")
{
    return { { "key", key }, { "title", key }, { "last_update", "2024-05-03T22:02:00Z" },
        { "markets",
            json::array(
                { { { "key", "pitcher_strikeouts" }, { "last_update", update }, { "outcomes", outcomes } } }) } };
}

// An event-odds response shaped like The Odds API v4 historical endpoint (2).
json response(const std::string& eventId, json bookmakers, const std::string& commence = "2024-05-03T23:05:00Z",
    const std::string& timestamp = "2024-05-03T22:05:00Z")
{
    return { { "timestamp", timestamp }, { "previous_timestamp", "2024-05-03T22:00:00Z" },
        { "next_timestamp", "2024-05-03T22:10:00Z" },
        { "data",
            { { "id", eventId }, { "sport_key", "baseball_mlb" }, { "sport_title", "MLB" },
                { "commence_time", commence }, { "home_team", "New York Yankees" }, { "away_team", "Boston Red Sox" },
                { "bookmakers", bookmakers } } } };
}

// Two pitchers × two points × both sides at two bookmakers: 8 rows.
json fullEvent(const std::string& eventId, const std::string& timestamp = "2024-05-03T22:05:00Z")
{
    json books = json::array();
    for (const char* key : { "draftkings", "fanduel" }) {
        json outcomes = json::array();
        for (const char* player : { "Gerrit Cole", "Brayan Bello" }) {
            for (double point : { 5.5, 6.5 }) {
                outcomes.push_back(outcome("Over", player, -115, point));
                outcomes.push_back(outcome("Under", player, -105, point));
            }
        }
        books.push_back(bookmaker(key, outcomes));
    }
    return response(eventId, books, "2024-05-03T23:05:00Z", timestamp);
}

bool parseText(const QByteArray& text, OddsSnapshot& out, QString& error, OddsFormat format = OddsFormat::Auto)
{
    return OddsSnapshotParser(format, "baseball_mlb").parse(text, out, error);
}

OddsSnapshot parseOk(const json& document, OddsFormat format = OddsFormat::Auto)
{
    OddsSnapshot out;
    QString error;
    const QByteArray text = QByteArray::fromStdString(document.dump());
    if (!parseText(text, out, error, format))
        qWarning("unexpected parse error: %s", qPrintable(error));
    return out;
}

} // namespace

class TestLineLoader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Workspace> m_workspace;

    QString writeRaw(const QString& date, const QString& name, const QByteArray& bytes)
    {
        const QString folder = m_workspace->rawDir() + QStringLiteral("/baseball_mlb/") + date;
        QDir().mkpath(folder);
        QFile file(folder + u'/' + name);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(bytes);
        return file.fileName();
    }
    QString writeEvent(const QString& date, const std::string& eventId, const json& document)
    {
        return writeRaw(date, QString::fromStdString(eventId) + QStringLiteral(".json"),
            QByteArray::fromStdString(document.dump()));
    }
    // `count` full events (8 rows each) named prefix0, prefix1, … spread over the first 28
    // days of `month` ("2024-07"); returns their paths.
    QStringList writeEvents(const QString& prefix, int count, const QString& month)
    {
        QStringList paths;
        for (int i = 0; i < count; ++i) {
            const std::string id = (prefix + QString::number(i)).toStdString();
            paths << writeEvent(
                month + QStringLiteral("-%1").arg(1 + i % 28, 2, 10, QLatin1Char('0')), id, fullEvent(id));
        }
        return paths;
    }
    LoadSummary load(JobStatus expected = JobStatus::Completed)
    {
        auto loader = std::make_shared<LineLoader>(*m_workspace);
        JobEngine engine;
        engine.setWorkers(2);
        const JobResult result = engine.run(loader);
        if (result.status != expected)
            qWarning("load ended %s: %s", qPrintable(jobStatusName(result.status)), qPrintable(result.error));
        return loader->summary();
    }
    QString db() const { return m_workspace->databasePath(); }
    QString scalar(const QString& sql) const { return test::queryScalar(db(), sql); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString tag = QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'_').replace(u'+', u'_');
        const QString path
            = m_dir.filePath(QStringLiteral("ws-%1-%2").arg(QLatin1String(QTest::currentTestFunction()), tag));
        QString error;
        m_workspace = Workspace::open(path, error);
        QVERIFY2(m_workspace, qPrintable(error));
    }

    // ---- prices -------------------------------------------------------------------

    void decimalToAmerican_data()
    {
        QTest::addColumn<double>("decimal");
        QTest::addColumn<int>("american");
        QTest::newRow("d >= 2: 2.50 → +150") << 2.5 << 150;
        QTest::newRow("d >= 2: 2.00 → +100") << 2.0 << 100;
        QTest::newRow("d >= 2: 2.05 → +105 (no float drift)") << 2.05 << 105;
        QTest::newRow("d >= 2: 3.40 → +240") << 3.4 << 240;
        QTest::newRow("d < 2: 1.87 → -115") << 1.87 << -115;
        QTest::newRow("d < 2: 1.50 → -200") << 1.5 << -200;
        QTest::newRow("d < 2: 1.91 → -110") << 1.91 << -110;
    }
    void decimalToAmerican()
    {
        QFETCH(double, decimal);
        QFETCH(int, american);
        QCOMPARE(odds::decimalToAmerican(decimal), american);
    }

    void impliedProbability_data()
    {
        QTest::addColumn<int>("american");
        QTest::addColumn<double>("probability");
        QTest::newRow("-110") << -110 << 110.0 / 210.0;
        QTest::newRow("-200") << -200 << 200.0 / 300.0;
        QTest::newRow("+150") << 150 << 0.4;
        QTest::newRow("+100") << 100 << 0.5;
        QTest::newRow("-100") << -100 << 0.5;
    }
    void impliedProbability()
    {
        QFETCH(int, american);
        QFETCH(double, probability);
        QVERIFY(qFuzzyCompare(odds::impliedProbability(american), probability));
    }

    // ---- parser -------------------------------------------------------------------

    void mergesOverAndUnder()
    {
        const auto snapshot = parseOk(response("e1",
            json::array({ bookmaker("draftkings",
                json::array({ outcome("Over", "Gerrit Cole", -120, 6.5), outcome("Over", "Gerrit Cole", 130, 7.5),
                    outcome("Under", "Gerrit Cole", 100, 6.5), outcome("Under", "Gerrit Cole", -160, 7.5) })) })));
        QCOMPARE(snapshot.lines.size(), std::size_t(2));
        const auto& line = snapshot.lines[0];
        QCOMPARE(line.point, 6.5);
        QCOMPARE(std::string(line.bookmaker), std::string("draftkings"));
        QCOMPARE(std::string(line.market), std::string("pitcher_strikeouts"));
        QCOMPARE(std::string(line.playerName), std::string("Gerrit Cole"));
        QCOMPARE(std::string(line.playerLookup), std::string("gerritcole"));
        QCOMPARE(line.overPrice, std::optional<int>(-120));
        QCOMPARE(line.underPrice, std::optional<int>(100));
        QCOMPARE(snapshot.lines[1].point, 7.5);
        QCOMPARE(snapshot.lines[1].overPrice, std::optional<int>(130));
        QCOMPARE(snapshot.lines[1].underPrice, std::optional<int>(-160));
        QCOMPARE(line.lastUpdate, std::optional<std::string_view>("2024-05-03T22:01:00Z"));
        QVERIFY(!snapshot.decimalPrices);
    }

    void missingSideStaysEmpty()
    {
        const auto snapshot = parseOk(response("e1",
            json::array({ bookmaker("fanduel",
                json::array(
                    { outcome("Over", "Gerrit Cole", -115, 6.5), outcome("Under", "Brayan Bello", 105, 4.5) })) })));
        QCOMPARE(snapshot.lines.size(), std::size_t(2));
        QCOMPARE(snapshot.lines[0].overPrice, std::optional<int>(-115));
        QVERIFY(!snapshot.lines[0].underPrice);
        QVERIFY(!snapshot.lines[0].underImpliedProb);
        QVERIFY(!snapshot.lines[1].overPrice);
        QCOMPARE(snapshot.lines[1].underPrice, std::optional<int>(105));
    }

    void playersMergedByLookup()
    {
        // The unique key is on player_lookup: the same pitcher spelled two ways is one row.
        const auto snapshot = parseOk(response("e1",
            json::array({ bookmaker("fanduel",
                json::array(
                    { outcome("Over", "José Berríos", -115, 5.5), outcome("Under", "Jose Berrios", -105, 5.5) })) })));
        QCOMPARE(snapshot.lines.size(), std::size_t(1));
        QCOMPARE(std::string(snapshot.lines[0].playerName), std::string("José Berríos"));
        QCOMPARE(std::string(snapshot.lines[0].playerLookup), std::string("joseberrios"));
        QVERIFY(snapshot.lines[0].overPrice && snapshot.lines[0].underPrice);
    }

    void decimalFileConverted_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<double>("over");
        QTest::addColumn<double>("under");
        QTest::addColumn<int>("overAmerican");
        QTest::addColumn<int>("underAmerican");
        QTest::newRow("auto: d < 2 both sides") << QStringLiteral("auto") << 1.87 << 1.95 << -115 << -105;
        QTest::newRow("auto: d >= 2 and d < 2") << QStringLiteral("auto") << 2.3 << 1.6 << 130 << -167;
        QTest::newRow("forced decimal") << QStringLiteral("decimal") << 2.0 << 1.8 << 100 << -125;
    }
    void decimalFileConverted()
    {
        QFETCH(QString, mode);
        QFETCH(double, over);
        QFETCH(double, under);
        QFETCH(int, overAmerican);
        QFETCH(int, underAmerican);
        const auto format = parseOddsFormat(mode);
        QVERIFY(format);
        const auto snapshot = parseOk(response("e1",
                                          json::array({ bookmaker("betmgm",
                                              json::array({ outcome("Over", "Gerrit Cole", over, 6.5),
                                                  outcome("Under", "Gerrit Cole", under, 6.5) })) })),
            *format);
        QCOMPARE(snapshot.lines.size(), std::size_t(1));
        QVERIFY(snapshot.decimalPrices);
        QCOMPARE(snapshot.lines[0].overPrice, std::optional<int>(overAmerican));
        QCOMPARE(snapshot.lines[0].underPrice, std::optional<int>(underAmerican));
        QVERIFY(qFuzzyCompare(*snapshot.lines[0].overImpliedProb, odds::impliedProbability(overAmerican)));
        QVERIFY(qFuzzyCompare(*snapshot.lines[0].underImpliedProb, odds::impliedProbability(underAmerican)));
    }

    void gameDateInNewYork_data()
    {
        QTest::addColumn<QString>("commence");
        QTest::addColumn<QString>("gameDate");
        QTest::newRow("evening game after midnight UTC")
            << QStringLiteral("2024-05-04T01:10:00Z") << QStringLiteral("2024-05-03");
        QTest::newRow("last second of the day (EDT)")
            << QStringLiteral("2024-05-04T03:59:59Z") << QStringLiteral("2024-05-03");
        QTest::newRow("midnight in New York (EDT)")
            << QStringLiteral("2024-05-04T04:00:00Z") << QStringLiteral("2024-05-04");
        QTest::newRow("afternoon game") << QStringLiteral("2024-05-03T17:05:00Z") << QStringLiteral("2024-05-03");
        QTest::newRow("winter time (EST, UTC-5)")
            << QStringLiteral("2024-03-01T04:30:00Z") << QStringLiteral("2024-02-29");
        QTest::newRow("offset notation") << QStringLiteral("2024-05-03T21:10:00-04:00") << QStringLiteral("2024-05-03");
    }
    void gameDateInNewYork()
    {
        QFETCH(QString, commence);
        QFETCH(QString, gameDate);
        const auto snapshot = parseOk(response("e1", json::array(), commence.toStdString()));
        QCOMPARE(QString::fromStdString(snapshot.gameDate), gameDate);
        QCOMPARE(QString::fromStdString(snapshot.commenceTime), commence);
    }

    void snapshotTimeIsTheResponseTimestamp()
    {
        // Members in any order: the timestamp after `data`, a bookmaker's key after its markets.
        const QByteArray text = R"({"data": {"bookmakers": [{"markets": [{"outcomes": [
            {"price": -110, "point": 5.5, "description": "Jos\u00e9 Berr\u00edos", "name": "Over"}],
            "key": "pitcher_strikeouts"}], "key": "bovada"}], "commence_time": "2024-05-03T23:05:00Z",
            "id": "abc", "sport_key": "baseball_mlb"}, "timestamp": "2024-05-03T22:05:00Z"})";
        OddsSnapshot snapshot;
        QString error;
        QVERIFY2(parseText(text, snapshot, error), qPrintable(error));
        QCOMPARE(snapshot.snapshotTime, std::string("2024-05-03T22:05:00Z"));
        QCOMPARE(snapshot.eventId, std::string("abc"));
        QCOMPARE(snapshot.lines.size(), std::size_t(1));
        QCOMPARE(std::string(snapshot.lines[0].bookmaker), std::string("bovada"));
        QCOMPARE(QString::fromStdString(std::string(snapshot.lines[0].playerName)), QStringLiteral("José Berríos"));
        QVERIFY(!snapshot.homeTeam); // absent → NULL
        // The bookmaker's last_update stands in when the market has none; here neither has one.
        QVERIFY(!snapshot.lines[0].lastUpdate);
    }

    void malformedRejected_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        const QByteArray good = QByteArray::fromStdString(fullEvent("e1").dump());
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("not JSON") << QByteArray("<html>502 Bad Gateway</html>") << QStringLiteral("not a JSON object");
        QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("invalid JSON");
        QTest::newRow("trailing garbage") << good + "}" << QStringLiteral("after the JSON object");
        QTest::newRow("events list") << QByteArray(R"({"timestamp":"2024-05-03T15:00:00Z","data":[]})")
                                     << QStringLiteral("events list");
        QTest::newRow("error body") << QByteArray(R"({"message":"Invalid key","error_code":"INVALID_KEY"})")
                                    << QStringLiteral("no `data`");
        QTest::newRow("no timestamp") << QByteArray(
            R"({"data":{"id":"e","commence_time":"2024-05-03T23:05:00Z","bookmakers":[]}})")
                                      << QStringLiteral("timestamp");
        QTest::newRow("bad timestamp") << QByteArray(
            R"({"timestamp":"yesterday","data":{"id":"e","commence_time":"2024-05-03T23:05:00Z"}})")
                                       << QStringLiteral("timestamp");
        QTest::newRow("no id") << QByteArray(
            R"({"timestamp":"2024-05-03T22:05:00Z","data":{"commence_time":"2024-05-03T23:05:00Z"}})")
                               << QStringLiteral("`id`");
        QTest::newRow("no commence_time") << QByteArray(R"({"timestamp":"2024-05-03T22:05:00Z","data":{"id":"e"}})")
                                          << QStringLiteral("commence_time");
        QTest::newRow("outcome without price") << QByteArray::fromStdString(response("e",
            json::array({ bookmaker("b",
                json::array({ { { "name", "Over" }, { "description", "X Y" },
                    { "point", 5.5 } } })) })).dump())
                                               << QStringLiteral("no `price`");
        QTest::newRow("price is text") << QByteArray::fromStdString(
            response("e", json::array({ bookmaker("b", json::array({ outcome("Over", "X Y", "-110", 5.5) })) })).dump())
                                       << QStringLiteral("`price` is not a number");
        QTest::newRow("decimal price not above 1") << QByteArray::fromStdString(
            response("e", json::array({ bookmaker("b", json::array({ outcome("Over", "X Y", 0.95, 5.5) })) })).dump())
                                                   << QStringLiteral("not above 1");
    }
    void malformedRejected()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        OddsSnapshot snapshot;
        QString error;
        QVERIFY(!parseText(text, snapshot, error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(snapshot.lines.empty());
    }

    void forcedAmericanRejectsDecimalPrices()
    {
        OddsSnapshot snapshot;
        QString error;
        const QByteArray text = QByteArray::fromStdString(
            response("e", json::array({ bookmaker("b", json::array({ outcome("Over", "X Y", 1.87, 5.5) })) })).dump());
        QVERIFY(!parseText(text, snapshot, error, OddsFormat::American));
        QVERIFY2(error.contains(QStringLiteral("impossible")), qPrintable(error));
    }

    // ---- loader -------------------------------------------------------------------

    void loadsRowsWithEveryColumn()
    {
        writeEvent(QStringLiteral("2024-05-03"), "evt1", fullEvent("evt1"));
        json late = response("evt2",
            json::array({ bookmaker("caesars", json::array({ outcome("Over", "Lance McCullers Jr.", 2.1, 4.5) })) }),
            "2024-05-04T01:10:00Z", "2024-05-04T00:10:00Z");
        writeEvent(QStringLiteral("2024-05-03"), "evt2", late);
        writeRaw(QStringLiteral("2024-05-03"), QStringLiteral("events.json"), R"({"timestamp":"x","data":[]})");

        const LoadSummary summary = load();
        QCOMPARE(summary.filesFound, 2);
        QCOMPARE(summary.filesLoaded, 2);
        QCOMPARE(summary.filesFailed, 0);
        QCOMPARE(summary.rowsInserted, 9);
        QCOMPARE(summary.rowsTotal, 9);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QStringLiteral("9"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QStringLiteral("2"));

        const QString row = scalar(QStringLiteral(
            "SELECT sport || '|' || market || '|' || game_date || '|' || event_id || '|' || commence_time || '|' || "
            "home_team || '|' || away_team || '|' || bookmaker || '|' || player_name || '|' || player_lookup || '|' || "
            "point || '|' || over_price || '|' || quote(under_price) || '|' || round(over_implied_prob, 6) || '|' || "
            "quote(under_implied_prob) || '|' || last_update || '|' || snapshot_time FROM betting_lines WHERE event_id "
            "= 'evt2'"));
        QCOMPARE(row,
            QStringLiteral("baseball_mlb|pitcher_strikeouts|2024-05-03|evt2|2024-05-04T01:10:00Z|New York Yankees|"
                           "Boston Red Sox|caesars|Lance McCullers Jr.|lancemccullers|4.5|110|NULL|0.47619|NULL|"
                           "2024-05-03T22:01:00Z|2024-05-04T00:10:00Z"));
        QCOMPARE(
            scalar(QStringLiteral("SELECT over_price || ',' || under_price || ',' || round(over_implied_prob, 6) FROM "
                                  "betting_lines WHERE event_id = 'evt1' AND bookmaker = 'fanduel' AND player_lookup = "
                                  "'gerritcole' AND point = 6.5")),
            QStringLiteral("-115,-105,0.534884"));
        QCOMPARE(scalar(QStringLiteral(
                     "SELECT rows FROM loaded_files WHERE path = 'raw/baseball_mlb/2024-05-03/evt1.json'")),
            QStringLiteral("8"));
    }

    void reloadIsIdempotent()
    {
        for (int i = 0; i < 5; ++i) {
            const std::string id = QStringLiteral("e%1").arg(i).toStdString();
            writeEvent(QStringLiteral("2024-05-0%1").arg(i + 1), id, fullEvent(id));
        }
        QCOMPARE(load().rowsInserted, 40);
        const LoadSummary again = load();
        QCOMPARE(again.filesLoaded, 0);
        QCOMPARE(again.filesSkipped, 5);
        QCOMPARE(again.rowsInserted, 0);
        QCOMPARE(again.rowsTotal, 40);

        // As after a crash that lost the bookkeeping: every file is parsed again, the
        // unique key keeps every row single.
        QCOMPARE(test::execSql(db(), QStringLiteral("DELETE FROM loaded_files")), QString());
        const LoadSummary afterLoss = load();
        QCOMPARE(afterLoss.filesLoaded, 5);
        QCOMPARE(afterLoss.rowsInserted, 0);
        QCOMPARE(afterLoss.rowsTotal, 40);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QStringLiteral("40"));
    }

    void repeatedBookmakerKeepsTheFirstRow_data()
    {
        QTest::addColumn<bool>("legacyTable");
        QTest::newRow("key as a named index") << false;
        // Workspaces made before the key became a named index hold it as a table
        // constraint, which the in-memory stages copy along with the table.
        QTest::newRow("key as a table constraint") << true;
    }

    // One response listing the same bookmaker twice: one row per key, the first quote kept
    // (as ON CONFLICT DO NOTHING keeps the first row), and the file counts as loaded.
    void repeatedBookmakerKeepsTheFirstRow()
    {
        QFETCH(bool, legacyTable);
        if (legacyTable) {
            const QString ddl = scalar(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'betting_lines'"));
            QString legacy = ddl;
            legacy.replace(QRegularExpression(QStringLiteral("\\)\\s*$")),
                QStringLiteral(", UNIQUE (event_id, bookmaker, market, player_lookup, point, snapshot_time))"));
            QCOMPARE(test::execSql(db(), QStringLiteral("DROP TABLE betting_lines")), QString());
            QCOMPARE(test::execSql(db(), legacy), QString());
            QVERIFY(scalar(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'betting_lines'"))
                        .contains(QLatin1String("UNIQUE")));
        }
        const json first
            = json::array({ outcome("Over", "Gerrit Cole", -115, 5.5), outcome("Under", "Gerrit Cole", -105, 5.5) });
        const json second
            = json::array({ outcome("Over", "Gerrit Cole", 150, 5.5), outcome("Under", "Gerrit Cole", -190, 5.5) });
        writeEvent(QStringLiteral("2024-05-03"), "dup",
            response("dup", json::array({ bookmaker("draftkings", first), bookmaker("draftkings", second) })));
        const LoadSummary summary = load();
        QCOMPARE(summary.filesFailed, 0);
        QCOMPARE(summary.filesLoaded, 1);
        QCOMPARE(summary.rowsTotal, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT over_price || ',' || under_price FROM betting_lines")),
            QStringLiteral("-115,-105"));
        QCOMPARE(scalar(QStringLiteral("SELECT rows FROM loaded_files")), QStringLiteral("2"));
    }

    void incrementalLoadsNewFilesOnly()
    {
        writeEvent(QStringLiteral("2024-05-03"), "a", fullEvent("a"));
        QCOMPARE(load().filesLoaded, 1);
        writeEvent(QStringLiteral("2024-05-04"), "b", fullEvent("b"));
        const LoadSummary summary = load();
        QCOMPARE(summary.filesLoaded, 1);
        QCOMPARE(summary.filesSkipped, 1);
        QCOMPARE(summary.rowsInserted, 8);
        QCOMPARE(summary.rowsTotal, 16);
    }

    void changedFileIsLoadedAgain()
    {
        const QString path = writeEvent(QStringLiteral("2024-05-03"), "a", fullEvent("a", "2024-05-03T22:05:00Z"));
        QCOMPARE(load().rowsInserted, 8);
        // Re-fetched at a later snapshot: different size, new rows for the new snapshot.
        writeEvent(QStringLiteral("2024-05-03"), "a", fullEvent("a", "2024-05-03T22:10:00Z") /* same size */);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60), QFileDevice::FileModificationTime));
        file.close();
        const LoadSummary summary = load();
        QCOMPARE(summary.filesLoaded, 1);
        QCOMPARE(summary.rowsInserted, 8);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(DISTINCT snapshot_time) FROM betting_lines")), QStringLiteral("2"));
    }

    void linksInsideRawAreNotFollowed()
    {
        writeEvent(QStringLiteral("2024-05-03"), "inside", fullEvent("inside"));
        // An event file and a whole date folder that are links to JSON outside the workspace.
        const QString outside
            = m_dir.filePath(QStringLiteral("outside-%1").arg(QLatin1String(QTest::currentTestFunction())));
        QVERIFY(QDir().mkpath(outside + QStringLiteral("/2024-05-04")));
        QFile foreign(outside + QStringLiteral("/2024-05-04/foreign.json"));
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.write(QByteArray::fromStdString(fullEvent("foreign").dump()));
        foreign.close();
        const QString sportDir = m_workspace->rawDir() + QStringLiteral("/baseball_mlb");
        QVERIFY(QFile::link(foreign.fileName(), sportDir + QStringLiteral("/2024-05-03/linked.json")));
        QVERIFY(QFile::link(outside + QStringLiteral("/2024-05-04"), sportDir + QStringLiteral("/2024-05-04")));
        const LoadSummary summary = load();
        QCOMPARE(summary.filesLoaded, 1);
        QCOMPARE(summary.filesFailed, 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines WHERE event_id = 'foreign'")),
            QStringLiteral("0"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QStringLiteral("8"));
    }

    // The load records its own run, whichever shell starts it: configuration and summary from the
    // job itself, and the NDJSON export when asked for.
    void loadRecordsItsOwnRun()
    {
        writeEvent(QStringLiteral("2024-05-03"), "good", fullEvent("good")); // 8 lines
        LoadOptions options;
        options.ndjsonPath = m_dir.filePath(QStringLiteral("lines.ndjson"));
        auto loader = std::make_shared<LineLoader>(*m_workspace, options);
        JobEngine engine;
        engine.setWorkers(2);
        QCOMPARE(engine.run(loader).status, JobStatus::Completed);
        QVERIFY(loader->summary().ndjsonRows);
        QCOMPARE(*loader->summary().ndjsonRows, qint64(8));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'load'")), QStringLiteral("1"));
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM runs WHERE kind = 'load'")), QStringLiteral("completed"));
        const auto config = nlohmann::json::parse(
            scalar(QStringLiteral("SELECT config_json FROM runs WHERE kind = 'load'")).toStdString());
        QCOMPARE(config["odds_format"].get<std::string>(), std::string("auto"));
        QCOMPARE(config["workers"].get<int>(), 2);
        QCOMPARE(config["ndjson"].get<std::string>(), options.ndjsonPath.toStdString());
        const auto summary = nlohmann::json::parse(
            scalar(QStringLiteral("SELECT summary_json FROM runs WHERE kind = 'load'")).toStdString());
        QCOMPARE(summary["files_loaded"].get<int>(), 1);
        QCOMPARE(summary["rows_total"].get<int>(), 8);
        QCOMPARE(summary["ndjson_rows"].get<int>(), 8);
        QVERIFY(summary["seconds"].get<double>() >= 0);
        QFile exported(options.ndjsonPath);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll().count('\n'), 8);
    }

    void malformedFileReportedAndSkipped()
    {
        writeEvent(QStringLiteral("2024-05-03"), "good", fullEvent("good"));
        const QString bad = writeRaw(
            QStringLiteral("2024-05-03"), QStringLiteral("bad.json"), QByteArray("{\"timestamp\": \"2024-05"));
        const LoadSummary summary = load();
        QCOMPARE(summary.filesLoaded, 1);
        QCOMPARE(summary.filesFailed, 1);
        QCOMPARE(summary.failures.size(), 1);
        QCOMPARE(summary.failures[0].path, QStringLiteral("raw/baseball_mlb/2024-05-03/bad.json"));
        QVERIFY2(summary.failures[0].reason.contains(QStringLiteral("invalid JSON")),
            qPrintable(summary.failures[0].reason));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files WHERE path LIKE '%bad.json'")),
            QStringLiteral("0"));
        // The user is told which date to fetch again, and how.
        QCOMPARE(summary.failures[0].date(), QStringLiteral("2024-05-03"));
        QCOMPARE(summary.refetchDates(), QStringList { QStringLiteral("2024-05-03") });
        QCOMPARE(summary.refetchAdvice(),
            QStringLiteral("1 file could not be loaded; fetch its date again with backfill --dates 2024-05-03"));
        const QString cut1 = writeRaw(QStringLiteral("2024-05-01"), QStringLiteral("cut.json"), QByteArray("{"));
        const QString cut3 = writeRaw(QStringLiteral("2024-05-03"), QStringLiteral("cut.json"), QByteArray("["));
        const LoadSummary three = load();
        QCOMPARE(three.refetchDates(), (QStringList { QStringLiteral("2024-05-01"), QStringLiteral("2024-05-03") }));
        QCOMPARE(three.refetchAdvice(),
            QStringLiteral(
                "3 files could not be loaded; fetch their 2 dates again with backfill --dates 2024-05-01,2024-05-03"));
        QVERIFY(QFile::remove(cut1));
        QVERIFY(QFile::remove(cut3));

        // Still not loaded, so reported again; once fixed it loads.
        QCOMPARE(load().filesFailed, 1);
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(fullEvent("bad").dump()));
        file.close();
        const LoadSummary fixed = load();
        QCOMPARE(fixed.filesFailed, 0);
        QCOMPARE(fixed.filesLoaded, 1);
        QCOMPARE(fixed.rowsTotal, 16);
    }

    void bulkLoadBuildsTheKeyAndKeepsRowsSingle()
    {
        // 120 files into an empty table: a bulk load (the key index built once at the end).
        const QStringList paths = writeEvents(QStringLiteral("b"), 120, QStringLiteral("2024-07"));
        const LoadSummary first = load();
        QCOMPARE(first.filesLoaded, 120);
        QCOMPARE(first.rowsInserted, 960);
        QCOMPARE(first.rowsTotal, 960);
        const QString indexes = QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE "
                                               "type = 'index' AND tbl_name = 'betting_lines' ORDER BY name)");
        QCOMPARE(scalar(indexes), QStringLiteral("betting_lines_key"));

        // Every file changed on disk (same content, new mtime) and one new file: the
        // reload is bulk too; its repeats of existing rows are dropped, the new file's
        // rows kept, and the key is back.
        for (const QString& path : paths) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(120), QFileDevice::FileModificationTime));
        }
        writeEvent(QStringLiteral("2024-07-29"), "fresh", fullEvent("fresh"));
        const LoadSummary again = load();
        QCOMPARE(again.filesLoaded, 121);
        QCOMPARE(again.rowsInserted, 8);
        QCOMPARE(again.rowsTotal, 968);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM betting_lines GROUP BY event_id, bookmaker, "
                                  "market, player_lookup, point, snapshot_time HAVING COUNT(*) > 1)")),
            QStringLiteral("0"));
        QCOMPARE(scalar(indexes), QStringLiteral("betting_lines_key"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QStringLiteral("121"));
    }

    // A bulk load commits its rows batch by batch before it rebuilds the key: killed in
    // between, it leaves betting_lines without the key, possibly with rows repeating older
    // ones (a changed file). The next load rebuilds the key first, keeping the older row of
    // each repeat as ON CONFLICT DO NOTHING would have.
    void keyRebuiltAfterAKilledBulkLoad()
    {
        for (const char* id : { "k1", "k2" })
            writeEvent(QStringLiteral("2024-07-01"), id, fullEvent(id));
        QCOMPARE(load().rowsTotal, 16);
        // What the killed load left: no key, k1's rows again with another price, new rows.
        QCOMPARE(test::execSql(db(),
                     QStringLiteral("DROP INDEX betting_lines_key;"
                                    "INSERT INTO betting_lines SELECT * FROM betting_lines WHERE event_id = 'k1';"
                                    "UPDATE betting_lines SET over_price = 999 WHERE rowid > 16;"
                                    "INSERT INTO betting_lines SELECT sport, market, game_date, 'k3', commence_time,"
                                    " home_team, away_team, bookmaker, player_name, player_lookup, point, over_price,"
                                    " under_price, over_implied_prob, under_implied_prob, last_update, snapshot_time"
                                    " FROM betting_lines WHERE event_id = 'k2';")),
            QString());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QStringLiteral("32"));

        writeEvent(QStringLiteral("2024-07-02"), "k4", fullEvent("k4"));
        const LoadSummary next = load();
        QCOMPARE(next.filesLoaded, 1);
        QCOMPARE(next.rowsTotal, 32); // 16 + k3's 8 + k4's 8; k1's repeats gone
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines WHERE over_price = 999")), QStringLiteral("0"));
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines WHERE event_id = 'k1'")), QStringLiteral("8"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM pragma_index_list('betting_lines') WHERE name = "
                                       "'betting_lines_key' AND \"unique\"")),
            QStringLiteral("1"));
    }

    // When a load returns, its rows are in the database file itself, not only in the
    // write-ahead log — even while another connection keeps the database open (so SQLite's
    // checkpoint on closing the last connection cannot be what copied them).
    void loadEndsWithTheRowsInTheDatabaseFile()
    {
        writeEvents(QStringLiteral("c"), 120, QStringLiteral("2024-07"));
        QString error;
        auto reader = SqliteHandle::open(db(), SqliteHandle::Mode::ReadOnly, error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY(reader.exec("SELECT COUNT(*) FROM loaded_files", error)); // a WAL reader, between transactions
        QCOMPARE(load().rowsTotal, 960);

        // The database file alone, without its -wal: a copy opened on its own.
        const QString copy = m_dir.filePath(QStringLiteral("main-file-only.sqlite"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(db(), copy));
        QCOMPARE(test::queryScalar(copy, QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QStringLiteral("960"));
        QCOMPARE(test::queryScalar(copy, QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QStringLiteral("120"));
        QCOMPARE(test::queryScalar(
                     copy, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'betting_lines_key'")),
            QStringLiteral("1"));
    }

    void everyFileOnceWhateverTheWorkers_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("1 worker + the writer") << 1;
        QTest::newRow("2 workers") << 2;
        QTest::newRow("4 workers") << 4;
    }

    // Workers and the writer (while it has nothing to write) take files from one queue:
    // each file is parsed once, stored once, and counted once in the job's progress —
    // malformed ones as failures — whoever took it.
    void everyFileOnceWhateverTheWorkers()
    {
        QFETCH(int, workers);
        const int files = 600;
        int malformed = 0;
        for (int i = 0; i < files; ++i) {
            const std::string id = QStringLiteral("w%1").arg(i, 4, 10, QLatin1Char('0')).toStdString();
            const QString date = QStringLiteral("2024-08-%1").arg(1 + i % 28, 2, 10, QLatin1Char('0'));
            if (i % 97 == 5) {
                writeRaw(date, QString::fromStdString(id) + QStringLiteral(".json"), "{\"data\": [");
                ++malformed;
            } else {
                writeEvent(date, id, fullEvent(id));
            }
        }
        auto loader = std::make_shared<LineLoader>(*m_workspace);
        JobEngine engine;
        engine.setWorkers(workers);
        const JobResult result = engine.run(loader);
        QCOMPARE(result.status, JobStatus::Completed);
        QCOMPARE(result.done, qint64(files));
        QCOMPARE(result.total, qint64(files));
        QCOMPARE(result.failed, qint64(malformed));
        const LoadSummary summary = loader->summary();
        QCOMPARE(summary.filesLoaded, qint64(files - malformed));
        QCOMPARE(summary.filesFailed, qint64(malformed));
        QCOMPARE(summary.rowsInserted, qint64(files - malformed) * 8);
        QCOMPARE(summary.rowsTotal, qint64(files - malformed) * 8);
        QCOMPARE(result.items, summary.rowsInserted);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QString::number(files - malformed));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT event_id) FROM betting_lines")),
            QString::number(files - malformed));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files f WHERE f.rows <> (SELECT COUNT(*) FROM "
                                       "betting_lines b WHERE f.path LIKE '%/' || b.event_id || '.json')")),
            QStringLiteral("0"));
    }

    // Paused, neither the workers nor the writer take another file; resumed, the load
    // ends with every file stored once.
    void pauseStopsParsingAndResumeFinishes()
    {
        const int files = 2400;
        writeEvents(QStringLiteral("p"), files, QStringLiteral("2024-09"));
        auto loader = std::make_shared<LineLoader>(*m_workspace);
        JobEngine engine;
        engine.setWorkers(1);
        engine.setProgressIntervalMs(10);
        bool pausedOnce = false;
        qint64 settled = -1, later = -1;
        connect(&engine, &JobEngine::progressChanged, &engine, [&](const JobProgress& progress) {
            if (pausedOnce || progress.done == 0)
                return;
            pausedOnce = true;
            engine.pause();
            // Files in flight when the pause came (one per thread, well under a
            // millisecond each) finish; after that nothing may.
            QTimer::singleShot(100, &engine, [&] { settled = engine.progress().done; });
            QTimer::singleShot(350, &engine, [&] {
                later = engine.progress().done;
                engine.resume();
            });
        });
        const JobResult result = engine.run(loader);
        QCOMPARE(result.status, JobStatus::Completed);
        QVERIFY(pausedOnce);
        QVERIFY2(settled > 0 && settled < files, qPrintable(QStringLiteral("%1 files done when paused").arg(settled)));
        QCOMPARE(later, settled);
        QCOMPARE(loader->summary().filesLoaded, qint64(files));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QString::number(files * 8));
    }

    void cancelKeepsWholeFilesOnly()
    {
        const int files = 1500;
        writeEvents(QStringLiteral("c"), files, QStringLiteral("2024-06"));
        auto loader = std::make_shared<LineLoader>(*m_workspace);
        JobEngine engine;
        engine.setWorkers(1);
        engine.setProgressIntervalMs(10);
        connect(&engine, &JobEngine::progressChanged, &engine, [&engine](const JobProgress& progress) {
            if (progress.done > 0)
                engine.cancel();
        });
        const JobResult result = engine.run(loader);
        const LoadSummary first = loader->summary();
        qInfo(
            "run ended %s after %lld of %d files", qPrintable(jobStatusName(result.status)), first.filesLoaded, files);
        // Whatever was cut off, every file marked loaded has all its rows, and no row
        // exists without its file being marked.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QString::number(first.filesLoaded));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM betting_lines")), QString::number(first.filesLoaded * 8));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files f WHERE f.rows <> (SELECT COUNT(*) FROM "
                                       "betting_lines b WHERE f.path LIKE '%/' || b.event_id || '.json')")),
            QStringLiteral("0"));
        if (result.status == JobStatus::Cancelled)
            QVERIFY(first.filesLoaded < files);
        else
            QCOMPARE(result.status, JobStatus::Completed); // a very fast machine finished first

        const LoadSummary rest = load();
        QCOMPARE(rest.filesLoaded, files - first.filesLoaded);
        QCOMPARE(rest.filesSkipped, first.filesLoaded);
        QCOMPARE(rest.rowsTotal, qint64(files) * 8);
    }

    void ndjsonExportCarriesTheColumns()
    {
        writeEvent(QStringLiteral("2024-05-03"), "a", fullEvent("a"));
        writeEvent(QStringLiteral("2024-05-03"), "b",
            response("b",
                json::array(
                    { bookmaker("bovada", json::array({ outcome("Under", "Max \"Mad\" Fried", -130, 6.5) })) })));
        QCOMPARE(load().rowsTotal, 9);
        const QString out = m_dir.filePath(QStringLiteral("lines.ndjson"));
        QString error;
        const auto rows = NdjsonExport::exportBettingLines(db(), out, error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(*rows, 9);

        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 10); // nine objects, then the final newline
        QVERIFY(lines.last().isEmpty());
        const std::vector<std::string> columns { "sport", "market", "game_date", "event_id", "commence_time",
            "home_team", "away_team", "bookmaker", "player_name", "player_lookup", "point", "over_price", "under_price",
            "over_implied_prob", "under_implied_prob", "last_update", "snapshot_time" };
        bool sawQuotedName = false;
        for (int i = 0; i < 9; ++i) {
            const json row = json::parse(lines[i].toStdString());
            QVERIFY(row.is_object());
            QCOMPARE(row.size(), columns.size());
            for (const auto& column : columns)
                QVERIFY2(row.contains(column), column.c_str());
            QVERIFY(row["point"].is_number());
            QCOMPARE(row["game_date"].get<std::string>(), std::string("2024-05-03"));
            if (row["event_id"] == "b") {
                sawQuotedName = true;
                QCOMPARE(row["player_name"].get<std::string>(), std::string("Max \"Mad\" Fried"));
                QVERIFY(row["over_price"].is_null());
                QCOMPARE(row["under_price"].get<int>(), -130);
            } else {
                QCOMPARE(row["over_price"].get<int>(), -115);
            }
        }
        QVERIFY(sawQuotedName);
    }
};

QTEST_GUILESS_MAIN(TestLineLoader)
#include "tst_lineloader.moc"
