// The simulated season is the ground truth behind the simulator and sample predictions:
// it must be deterministic per seed and look like an MLB season.
#include "simulator/SimulatedSeason.h"

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
        const auto result = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-3600), query);
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
        const auto early = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-15 * 3600), query);
        QVERIFY(early.body != result.body);
        const auto closed = season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addDays(-2), query);
        QCOMPARE(closed.credits, 0);
        // Decimal prices on request.
        query.decimal = true;
        const auto dec = nlohmann::json::parse(
            season.eventOddsJson(QStringLiteral("baseball_mlb"), game, game.commenceTime.addSecs(-3600), query).body.toStdString());
        QVERIFY(dec["data"]["bookmakers"][0]["markets"][0]["outcomes"][0]["price"].is_number_float());
    }
};

QTEST_GUILESS_MAIN(TestSimulatedSeason)
#include "tst_simulatedseason.moc"
