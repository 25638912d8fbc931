// The simulated season is the ground truth behind the simulator and sample predictions:
// it must be deterministic per seed and look like an MLB season.
#include "simulator/GzipEncoder.h"
#include "simulator/SimMarket.h"
#include "simulator/SimulatedSeason.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <nlohmann/json.hpp>

using namespace bfs::sim;

class TestSimulatedSeason : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seasonDays_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("hasGames");
        QTest::newRow("opening day") << QDate(2024, 4, 1) << true;
        QTest::newRow("mid may") << QDate(2024, 5, 15) << true;
        QTest::newRow("last day") << QDate(2024, 9, 29) << true;
        QTest::newRow("march") << QDate(2024, 3, 31) << false;
        QTest::newRow("october") << QDate(2024, 10, 1) << false;
        QTest::newRow("all-star break") << QDate(2024, 7, 16) << false;
        QTest::newRow("after the break") << QDate(2024, 7, 19) << true;
    }
    void seasonDays()
    {
        QFETCH(QDate, date);
        QFETCH(bool, hasGames);
        SimulatedSeason season(7);
        QCOMPARE(!season.games(date).isEmpty(), hasGames);
    }

    void gamesAreDeterministicAndWellFormed()
    {
        SimulatedSeason a(11), b(11), other(12);
        const QDate date(2024, 6, 5);
        const auto games = a.games(date);
        QVERIFY(games.size() >= 8 && games.size() <= 15);
        QCOMPARE(games.size(), b.games(date).size());
        QVERIFY(games.first().eventId != other.games(date).first().eventId);
        const QRegularExpression id(QStringLiteral("^[a-z0-9]{32}$"));
        QSet<QString> teams, ids;
        const QTimeZone ny("America/New_York");
        for (int i = 0; i < games.size(); ++i) {
            const SimGame& g = games[i];
            QCOMPARE(g.eventId, b.games(date)[i].eventId);
            QVERIFY2(id.match(g.eventId).hasMatch(), qPrintable(g.eventId));
            QCOMPARE(g.commenceTime.toTimeZone(ny).date(), date);
            QVERIFY(!teams.contains(g.homeTeam) && !teams.contains(g.awayTeam));
            teams << g.homeTeam << g.awayTeam;
            ids << g.eventId;
            QVERIFY(g.homeStarter.pitcherName != g.awayStarter.pitcherName);
            QCOMPARE(g.homeStarter.actualStrikeouts, b.games(date)[i].homeStarter.actualStrikeouts);
            const auto found = a.game(g.eventId);
            QVERIFY(found.has_value());
            QCOMPARE(found->homeTeam, g.homeTeam);
            const int books = int(a.bookmakers(g).size());
            QVERIFY(books >= 5 && books <= 12);
        }
        QCOMPARE(ids.size(), games.size());
        QVERIFY(!a.game(QStringLiteral("ffffffffffffffffffffff2024060599")).has_value());
    }

    void fifteenGamesOnATypicalDayAndLateGamesCrossMidnightUtc()
    {
        SimulatedSeason season(3);
        int total = 0, days = 0, crossing = 0;
        for (QDate d(2024, 5, 1); d <= QDate(2024, 5, 31); d = d.addDays(1), ++days) {
            for (const SimGame& g : season.games(d)) {
                ++total;
                if (g.commenceTime.date() != d)
                    ++crossing;
            }
        }
        const double perDay = double(total) / days;
        QVERIFY2(perDay > 12 && perDay <= 15, qPrintable(QString::number(perDay)));
        QVERIFY(crossing > 0);
    }

    void pitcherNamesIncludeAccentsAndSuffixes()
    {
        SimulatedSeason season(42);
        bool accent = false, suffix = false, berrios = false;
        QHash<QString, QList<int>> byPitcher;
        for (const SimStart& s : season.starts(QDate(2024, 4, 1), QDate(2024, 5, 31))) {
            accent |= s.pitcherName.contains(QChar(0xED)) || s.pitcherName.contains(QChar(0xE9));
            suffix |= s.pitcherName.endsWith(QStringLiteral(" Jr."));
            berrios |= s.pitcherName == QStringLiteral("José Berríos");
            QVERIFY(s.expectedStrikeouts > 2.5 && s.expectedStrikeouts < 10);
            QVERIFY(s.actualStrikeouts >= 0 && s.actualStrikeouts < 25);
            byPitcher[s.pitcherName].append(s.actualStrikeouts);
        }
        QVERIFY(accent);
        QVERIFY(suffix);
        QVERIFY(berrios);
        QCOMPARE(byPitcher.size(), 150); // five-man rotations of 30 teams
    }

    void oddsFollowTheApiShape()
    {
        SimulatedSeason season(5);
        const SimGame game = season.games(QDate(2024, 8, 2)).first();
        SimOddsQuery query;
        query.regions = { QStringLiteral("us") };
        const auto result
            = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-3600), query);
        const auto body = nlohmann::json::parse(result.body.toStdString());
        QVERIFY(body["data"].is_object());
        QCOMPARE(QString::fromStdString(body["data"]["id"]), game.eventId);
        QCOMPARE(result.credits, 10);
        QVERIFY(!body["data"]["bookmakers"].empty());
        for (const auto& book : body["data"]["bookmakers"]) {
            for (const auto& outcome : book["markets"][0]["outcomes"]) {
                const double point = outcome["point"];
                QVERIFY(point >= 4.5 && point <= 7.5);
                const int price = outcome["price"];
                QVERIFY(price <= -100 || price >= 100);
            }
        }
        // Lines move: an earlier snapshot differs, and before lines open nothing is priced.
        const auto early
            = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-15 * 3600), query);
        QVERIFY(early.body != result.body);
        const auto closed
            = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addDays(-2), query);
        QCOMPARE(closed.credits, 0);
        // Decimal prices on request.
        query.decimal = true;
        const auto dec = nlohmann::json::parse(
            season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-3600), query)
                .body.toStdString());
        QVERIFY(dec["data"]["bookmakers"][0]["markets"][0]["outcomes"][0]["price"].is_number_float());
    }

    // The pitcher_strikeouts answers are fixtures of other tests and of the demo: one day
    // of them for seed 7 (the events list, then every event's odds an hour before the
    // first pitch, American for "us" and decimal for "us,us2"), hashed with the
    // generator as it was before any other market existed (main at c73476c, served by
    // `simulate-api --seed 7` and fetched over HTTP).
    void strikeoutAnswersAreUnchanged()
    {
        SimulatedSeason season(7);
        const QString sport = QStringLiteral("baseball_mlb");
        const QByteArray events
            = season.eventsJson(sport, QDateTime(QDate(2024, 5, 1), QTime(15, 0), QTimeZone::utc()));
        QByteArrayList parts { events };
        SimOddsQuery american;
        american.regions = { QStringLiteral("us") };
        SimOddsQuery decimal;
        decimal.regions = { QStringLiteral("us"), QStringLiteral("us2") };
        decimal.decimal = true;
        const auto list = nlohmann::json::parse(events.toStdString())["data"];
        QCOMPARE(int(list.size()), 27);
        for (const auto& event : list) {
            const auto game = season.game(QString::fromStdString(event["id"]));
            QVERIFY(game.has_value());
            const QDateTime at = game->commenceTime.addSecs(-3600);
            parts << season.eventOddsJson(sport, *game, at, american).body
                  << season.eventOddsJson(sport, *game, at, decimal).body;
        }
        const QByteArray hash = QCryptographicHash::hash(parts.join('\n'), QCryptographicHash::Sha256).toHex();
        QCOMPARE(hash, QByteArrayLiteral("85b1046e07fde08577f25a513acfe3749068cca1324aed84275b4aad4b459115"));
    }

    void everyMarketHasLines_data()
    {
        QTest::addColumn<QString>("market");
        QTest::addColumn<double>("lowest");
        QTest::addColumn<double>("highest");
        QTest::addColumn<bool>("batter");
        QTest::newRow("pitcher_strikeouts") << QStringLiteral("pitcher_strikeouts") << 4.5 << 7.5 << false;
        QTest::newRow("pitcher_outs") << QStringLiteral("pitcher_outs") << 15.5 << 18.5 << false;
        QTest::newRow("pitcher_hits_allowed") << QStringLiteral("pitcher_hits_allowed") << 4.5 << 6.5 << false;
        QTest::newRow("pitcher_walks") << QStringLiteral("pitcher_walks") << 1.5 << 2.5 << false;
        QTest::newRow("pitcher_earned_runs") << QStringLiteral("pitcher_earned_runs") << 1.5 << 3.5 << false;
        QTest::newRow("batter_strikeouts") << QStringLiteral("batter_strikeouts") << 0.5 << 1.5 << true;
        QTest::newRow("batter_hits") << QStringLiteral("batter_hits") << 0.5 << 1.5 << true;
        QTest::newRow("batter_walks") << QStringLiteral("batter_walks") << 0.5 << 0.5 << true;
        QTest::newRow("batter_total_bases") << QStringLiteral("batter_total_bases") << 1.5 << 1.5 << true;
        QTest::newRow("batter_home_runs") << QStringLiteral("batter_home_runs") << 0.5 << 0.5 << true;
        QTest::newRow("batter_rbis") << QStringLiteral("batter_rbis") << 0.5 << 0.5 << true;
    }
    void everyMarketHasLines()
    {
        QFETCH(QString, market);
        QFETCH(double, lowest);
        QFETCH(double, highest);
        QFETCH(bool, batter);
        QVERIFY(SimMarket::find(market));
        QCOMPARE(SimMarket::find(market)->batter, batter);
        QVERIFY((batter ? SimulatedSeason::batterMarkets() : SimulatedSeason::pitcherMarkets()).contains(market));
        SimulatedSeason season(11), again(11);
        SimOddsQuery query;
        query.regions = { QStringLiteral("us"), QStringLiteral("us2") };
        query.markets = { market };
        query.decimal = false;
        QSet<double> points;
        for (const SimGame& game : season.games(QDate(2024, 6, 5)).mid(0, 4)) {
            const QDateTime at = game.commenceTime.addSecs(-3600);
            const auto result = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, at, query);
            QCOMPARE(result.body, again.eventOddsJson(QStringLiteral("baseball_mlb"), game, at, query).body);
            QCOMPARE(result.marketsReturned, 1);
            QCOMPARE(result.credits, 20); // 10 x one market x two regions
            const QStringList players = batter
                ? game.awayLineup + game.homeLineup
                : QStringList { game.awayStarter.pitcherName, game.homeStarter.pitcherName };
            const auto body = nlohmann::json::parse(result.body.toStdString());
            QVERIFY(!body["data"]["bookmakers"].empty());
            QSet<QString> named;
            for (const auto& book : body["data"]["bookmakers"]) {
                QCOMPARE(int(book["markets"].size()), 1);
                const auto& m = book["markets"][0];
                QCOMPARE(QString::fromStdString(m["key"]), market);
                const auto& outcomes = m["outcomes"];
                QVERIFY(!outcomes.empty());
                QCOMPARE(outcomes.size() % 2, size_t(0));
                for (size_t i = 0; i < outcomes.size(); i += 2) {
                    const auto& over = outcomes[i];
                    const auto& under = outcomes[i + 1];
                    QCOMPARE(std::string(over["name"]), std::string("Over"));
                    QCOMPARE(std::string(under["name"]), std::string("Under"));
                    QCOMPARE(over["description"].get<std::string>(), under["description"].get<std::string>());
                    QCOMPARE(double(over["point"]), double(under["point"]));
                    const QString player = QString::fromStdString(over["description"]);
                    QVERIFY2(players.contains(player), qPrintable(player));
                    named << player;
                    const double point = over["point"];
                    QVERIFY2(point >= lowest && point <= highest, qPrintable(QString::number(point)));
                    QCOMPARE(point - std::floor(point), 0.5);
                    points << point;
                    for (const auto* outcome : { &over, &under }) {
                        QVERIFY((*outcome)["price"].is_number_integer());
                        const int price = (*outcome)["price"];
                        QVERIFY(price <= -100 || price >= 100);
                    }
                }
            }
            // Lineups are priced beyond the first batter or two; both starters get lines.
            QVERIFY2(named.size() >= (batter ? 10 : 2), qPrintable(QString::number(named.size())));
        }
        if (lowest != highest)
            QVERIFY2(points.size() >= 2, qPrintable(market)); // the line moves with the player
    }

    void marketsHaveStreamsOfTheirOwn()
    {
        SimulatedSeason season(11), otherSeed(12);
        const SimGame game = season.games(QDate(2024, 6, 5)).first();
        const QDateTime at = game.commenceTime.addSecs(-3600);
        const QString sport = QStringLiteral("baseball_mlb");
        auto answer = [&](const SimulatedSeason& s, const QStringList& markets) {
            SimOddsQuery query;
            query.regions = { QStringLiteral("us"), QStringLiteral("us2") };
            query.markets = markets;
            return s.eventOddsJson(sport, game, at, query);
        };
        // One market's lines, per bookmaker, from an answer.
        auto lines = [](const QByteArray& body, const std::string& market) {
            QMap<QString, std::string> byBook;
            const auto parsed = nlohmann::json::parse(body.toStdString()); // kept: the loop views into it
            for (const auto& book : parsed["data"]["bookmakers"]) {
                for (const auto& m : book["markets"]) {
                    if (m["key"] == market)
                        byBook.insert(QString::fromStdString(book["key"]), m["outcomes"].dump());
                }
            }
            return byBook;
        };
        const QStringList all = SimulatedSeason::pitcherMarkets() + SimulatedSeason::batterMarkets();
        QCOMPARE(all.size(), 11);
        const auto together = answer(season, all);
        QCOMPARE(together.marketsReturned, 11);
        QCOMPARE(together.credits, 10 * 11 * 2);
        QStringList reversed = all;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(answer(season, reversed).body, together.body); // markets listed in one order whatever the query's
        QSet<std::string> distinct;
        for (const QString& market : all) {
            const auto alone = answer(season, { market });
            const auto mine = lines(alone.body, market.toStdString());
            QVERIFY(!mine.isEmpty());
            // Asking for more markets moves no line of this one.
            QCOMPARE(lines(together.body, market.toStdString()), mine);
            // Another seed, other lines.
            QVERIFY(lines(answer(otherSeed, { market }).body, market.toStdString()) != mine);
            distinct.insert(mine.first());
        }
        QCOMPARE(int(distinct.size()), 11); // no two markets print the same lines
    }

    void lineupsAreNineNamedBattersPerTeam()
    {
        SimulatedSeason season(42), again(42);
        QHash<QString, QStringList> lineupOf;
        QSet<QString> pitchers;
        for (const SimStart& s : season.starts(QDate(2024, 4, 1), QDate(2024, 4, 30)))
            pitchers << s.pitcherName;
        for (QDate d(2024, 4, 1); d <= QDate(2024, 4, 10); d = d.addDays(1)) {
            const auto games = season.games(d);
            const auto same = again.games(d);
            for (int i = 0; i < games.size(); ++i) {
                QCOMPARE(games[i].homeLineup, same[i].homeLineup);
                for (const auto& [team, lineup] : { std::pair { games[i].homeTeam, games[i].homeLineup },
                         std::pair { games[i].awayTeam, games[i].awayLineup } }) {
                    QCOMPARE(lineup.size(), 9);
                    if (lineupOf.contains(team))
                        QCOMPARE(lineupOf[team], lineup); // a team's lineup, not a new one each game
                    lineupOf[team] = lineup;
                }
            }
        }
        QCOMPARE(lineupOf.size(), 30);
        QSet<QString> batters;
        for (const QStringList& lineup : std::as_const(lineupOf)) {
            for (const QString& b : lineup) {
                QVERIFY2(!pitchers.contains(b), qPrintable(b));
                QVERIFY(!b.trimmed().isEmpty() && b.contains(u' '));
                batters << b;
            }
        }
        QCOMPARE(batters.size(), 270);
        QVERIFY(batters.contains(QStringLiteral("Ronald Acuña Jr.")));
        QVERIFY(SimulatedSeason(43).games(QDate(2024, 4, 2)).first().homeLineup
            != season.games(QDate(2024, 4, 2)).first().homeLineup);
    }

    void eventsFilters()
    {
        SimulatedSeason season(9);
        const QString sport = QStringLiteral("baseball_mlb");
        const QDateTime at(QDate(2024, 5, 1), QTime(15, 0), QTimeZone::utc());
        auto ids = [](const QByteArray& body) {
            QStringList result;
            const auto parsed = nlohmann::json::parse(body.toStdString()); // kept: the loop views into it
            for (const auto& e : parsed["data"])
                result << QString::fromStdString(e["id"]);
            return result;
        };
        int count = 0;
        const QByteArray everything = season.eventsJson(sport, at, {}, &count);
        const QStringList all = ids(everything);
        QVERIFY(all.size() > 10);
        QCOMPARE(count, all.size());
        SimEventsQuery iso;
        QCOMPARE(season.eventsJson(sport, at, iso), everything);

        SimEventsQuery byId;
        byId.eventIds = { all[3], all[1], QStringLiteral("0123456789abcdef0123456789abcdef") };
        QCOMPARE(season.eventsJson(sport, at, byId, &count), season.eventsJson(sport, at, byId));
        QCOMPARE(ids(season.eventsJson(sport, at, byId, &count)), (QStringList { all[1], all[3] }));
        QCOMPARE(count, 2);

        const auto games = season.games(QDate(2024, 5, 1));
        SimEventsQuery window;
        window.commenceFrom = games[2].commenceTime;
        window.commenceTo = games[5].commenceTime;
        const QStringList inWindow = ids(season.eventsJson(sport, at, window));
        QVERIFY(!inWindow.isEmpty());
        for (const QString& id : all) {
            const QDateTime start = season.game(id)->commenceTime;
            QCOMPARE(inWindow.contains(id), start >= window.commenceFrom && start <= window.commenceTo);
        }
        QVERIFY(inWindow.contains(games[2].eventId) && inWindow.contains(games[5].eventId)); // bounds inclusive

        SimEventsQuery unixDates;
        unixDates.unixDates = true;
        const auto unixBody = nlohmann::json::parse(season.eventsJson(sport, at, unixDates).toStdString());
        const auto isoBody = nlohmann::json::parse(everything.toStdString());
        QVERIFY(unixBody["timestamp"].is_number_integer());
        QCOMPARE(qint64(unixBody["timestamp"]), at.toSecsSinceEpoch());
        for (size_t i = 0; i < isoBody["data"].size(); ++i) {
            const QDateTime iso
                = QDateTime::fromString(QString::fromStdString(isoBody["data"][i]["commence_time"]), Qt::ISODate);
            QCOMPARE(qint64(unixBody["data"][i]["commence_time"]), iso.toSecsSinceEpoch());
        }
        SimOddsQuery odds;
        odds.regions = { QStringLiteral("us") };
        odds.unixDates = true;
        const auto game = *season.game(all[0]);
        const auto oddsBody = nlohmann::json::parse(
            season.eventOddsJson(sport, game, game.commenceTime.addSecs(-3600), odds).body.toStdString());
        QCOMPARE(qint64(oddsBody["data"]["commence_time"]), game.commenceTime.toSecsSinceEpoch());
        QVERIFY(oddsBody["data"]["bookmakers"][0]["last_update"].is_number_integer());
        QVERIFY(oddsBody["data"]["bookmakers"][0]["markets"][0]["last_update"].is_number_integer());
    }

    void gzipMembers()
    {
        QCOMPARE(GzipEncoder::crc32(QByteArrayLiteral("123456789")), 0xCBF43926U); // the CRC-32 check value
        QCOMPARE(GzipEncoder::crc32(QByteArray()), 0U);
        const QByteArray text = QByteArray("{\"data\":[]}").repeated(50);
        const QByteArray gz = GzipEncoder::compress(text);
        QVERIFY(gz.startsWith(QByteArray("\x1f\x8b\x08", 3)));
        QVERIFY(gz.size() < text.size());
        auto le32 = [&gz](qsizetype at) {
            quint32 v = 0;
            for (int i = 3; i >= 0; --i)
                v = (v << 8) | quint8(gz[at + i]);
            return v;
        };
        QCOMPARE(le32(gz.size() - 8), GzipEncoder::crc32(text));
        QCOMPARE(le32(gz.size() - 4), quint32(text.size()));
        // The deflate data inside is qCompress's: re-wrapped as zlib it inflates back.
        QByteArray zlib;
        const quint32 n = quint32(text.size());
        zlib.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
        zlib.append("\x78\x9c", 2).append(gz.mid(10, gz.size() - 18));
        quint32 a = 1, b = 0; // Adler-32 of the text
        for (const char c : text) {
            a = (a + quint8(c)) % 65521;
            b = (b + a) % 65521;
        }
        const quint32 adler = (b << 16) | a;
        zlib.append(char(adler >> 24)).append(char(adler >> 16)).append(char(adler >> 8)).append(char(adler));
        QCOMPARE(qUncompress(zlib), text);

        QVERIFY(GzipEncoder::accepts("gzip, deflate"));
        QVERIFY(GzipEncoder::accepts("deflate, GZIP;q=0.5"));
        QVERIFY(GzipEncoder::accepts("*"));
        QVERIFY(!GzipEncoder::accepts("gzip;q=0"));
        QVERIFY(!GzipEncoder::accepts("gzip;q=0, *"));
        QVERIFY(!GzipEncoder::accepts("identity"));
        QVERIFY(!GzipEncoder::accepts(""));
    }
};

QTEST_GUILESS_MAIN(TestSimulatedSeason)
#include "tst_simulatedseason.moc"
