#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bfs::sim {

// One probable starting pitcher in one simulated game, with what the simulator "knows":
// the strikeout mean the lines are built from and the strikeouts he actually recorded.
struct SimStart {
    QString eventId;
    QDate gameDate; // America/New_York date of the game
    QDateTime commenceTime; // UTC
    QString pitcherName; // as the bookmakers print it ("José Berríos", "Lance McCullers Jr.")
    QString team;
    QString opponent;
    bool home = false;
    double expectedStrikeouts = 0; // the mean the bookmakers' lines are centred on
    int actualStrikeouts = 0; // the deterministic "box score" result
};

struct SimGame {
    QString eventId; // 32 characters of [a-z0-9], stable for a seed
    QDate gameDate;
    QDateTime commenceTime; // UTC
    QString homeTeam;
    QString awayTeam;
    SimStart homeStarter;
    SimStart awayStarter;
    QStringList homeLineup; // nine batters, in batting order
    QStringList awayLineup;
};

struct SimBookmaker {
    QString key;
    QString title;
    QString region; // "us" or "us2"
};

// How a client asked for one event's odds (odds-api.md endpoint 2).
struct SimOddsQuery {
    QStringList regions; // used when bookmakers is empty
    QStringList bookmakers; // replaces regions when set
    QStringList markets { QStringLiteral("pitcher_strikeouts") };
    bool decimal = false;
    bool unixDates = false; // dateFormat=unix: times as seconds since the epoch
};

// Filters of the events endpoint (odds-api.md endpoint 1); the defaults list everything.
struct SimEventsQuery {
    QStringList eventIds; // empty: every event
    QDateTime commenceFrom; // invalid: no lower bound; inclusive
    QDateTime commenceTo; // invalid: no upper bound; inclusive
    bool unixDates = false;
};

// What one odds request returned, and what it costs under the API's rule.
struct SimOddsResult {
    QByteArray body;
    int marketsReturned = 0;
    int regionCount = 1;
    int credits = 0; // 10 × markets returned × regions; 0 when empty
};

// A deterministic MLB-like season for a seed: the data behind the built-in Odds API
// simulator and behind sample predictions, so both talk about the same games, pitchers
// and results. Every season runs from April 1 to September 29 with a four-day
// all-star break in mid July, ~15 games a day (fewer on Mondays and Thursdays), late
// West-coast games that start after midnight UTC, 5–12 bookmakers per game and lines
// that move over several snapshots before the first pitch, for the starters' and the
// nine-man lineups' props (SimMarket). Pure functions of
// (seed, date, event): no state, safe from any thread.
class SimulatedSeason {
public:
    explicit SimulatedSeason(quint64 seed = 42);

    quint64 seed() const { return m_seed; }

    static bool isSeasonDay(QDate date);
    static bool isAllStarBreak(QDate date);
    static QStringList teams();
    static QList<SimBookmaker> allBookmakers();
    static QStringList pitcherMarkets(); // market keys the API accepts for MLB pitchers
    static QStringList batterMarkets(); // ... and for MLB batters

    // Games whose first pitch falls on `date` in America/New_York, ordered by time.
    QList<SimGame> games(QDate date) const;
    // The game behind an event id of this seed, if any.
    std::optional<SimGame> game(const QString& eventId) const;
    // Every probable starter of every game in [from, to], with actual strikeouts.
    QList<SimStart> starts(QDate from, QDate to) const;
    // Bookmakers that price this game (5–12 of allBookmakers()).
    QList<SimBookmaker> bookmakers(const SimGame& game) const;

    // Response bodies of the two historical endpoints, byte for byte what the
    // simulator serves. `at` is the requested `date` parameter.
    QByteArray eventsJson(
        const QString& sport, const QDateTime& at, const SimEventsQuery& query = {}, int* eventCount = nullptr) const;
    SimOddsResult eventOddsJson(
        const QString& sport, const SimGame& game, const QDateTime& at, const SimOddsQuery& query) const;

    // Snapshots exist every five minutes; the API answers with the latest at or before `at`.
    static QDateTime snapshotAt(const QDateTime& at);
    static QString isoUtc(const QDateTime& time);

private:
    quint64 m_seed;
};

} // namespace bfs::sim
