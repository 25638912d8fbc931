#include "SimulatedSeason.h"

#include "simulator/SimMarket.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace bfs::sim {

namespace {

using ojson = nlohmann::ordered_json;

constexpr int TeamCount = 30;
constexpr int RotationSize = 5;
constexpr int LineupSize = 9;
constexpr qint64 LinesOpenSecondsBefore = 18 * 3600; // props appear the evening before
constexpr qint64 LineMoveBucketSeconds = 4 * 3600; // lines move every four hours

quint64 splitmix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 mix(quint64 a, quint64 b, quint64 c = 0, quint64 d = 0)
{
    return splitmix(splitmix(splitmix(splitmix(a) ^ b) ^ c) ^ d);
}

quint64 hashString(const QString& text)
{
    quint64 h = 1469598103934665603ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

// Deterministic uniform stream from one key.
class Rng {
public:
    explicit Rng(quint64 key)
        : m_state(key)
    {
    }
    quint64 next() { return m_state = splitmix(m_state); }
    double uniform() { return double(next() >> 11) / double(1ULL << 53); }
    int between(int lo, int hi) { return lo + int(next() % quint64(hi - lo + 1)); }

private:
    quint64 m_state;
};

const QTimeZone& newYork()
{
    static const QTimeZone zone("America/New_York");
    return zone;
}

const QStringList& teamNames()
{
    static const QStringList names {
        QStringLiteral("Arizona Diamondbacks"),
        QStringLiteral("Atlanta Braves"),
        QStringLiteral("Baltimore Orioles"),
        QStringLiteral("Boston Red Sox"),
        QStringLiteral("Chicago Cubs"),
        QStringLiteral("Chicago White Sox"),
        QStringLiteral("Cincinnati Reds"),
        QStringLiteral("Cleveland Guardians"),
        QStringLiteral("Colorado Rockies"),
        QStringLiteral("Detroit Tigers"),
        QStringLiteral("Houston Astros"),
        QStringLiteral("Kansas City Royals"),
        QStringLiteral("Los Angeles Angels"),
        QStringLiteral("Los Angeles Dodgers"),
        QStringLiteral("Miami Marlins"),
        QStringLiteral("Milwaukee Brewers"),
        QStringLiteral("Minnesota Twins"),
        QStringLiteral("New York Mets"),
        QStringLiteral("New York Yankees"),
        QStringLiteral("Oakland Athletics"),
        QStringLiteral("Philadelphia Phillies"),
        QStringLiteral("Pittsburgh Pirates"),
        QStringLiteral("San Diego Padres"),
        QStringLiteral("San Francisco Giants"),
        QStringLiteral("Seattle Mariners"),
        QStringLiteral("St. Louis Cardinals"),
        QStringLiteral("Tampa Bay Rays"),
        QStringLiteral("Texas Rangers"),
        QStringLiteral("Toronto Blue Jays"),
        QStringLiteral("Washington Nationals"),
    };
    return names;
}

// West-coast home teams start late: 22:10 ET is after midnight UTC.
bool isWestCoast(int team)
{
    static const QSet<int> west { 0, 12, 13, 19, 22, 23, 24 };
    return west.contains(team);
}

const QStringList& firstNames()
{
    static const QStringList first {
        QStringLiteral("Aaron"),
        QStringLiteral("Brady"),
        QStringLiteral("Cole"),
        QStringLiteral("Dane"),
        QStringLiteral("Eli"),
        QStringLiteral("Freddy"),
        QStringLiteral("Grant"),
        QStringLiteral("Hunter"),
        QStringLiteral("Ian"),
        QStringLiteral("Jordan"),
        QStringLiteral("Kyle"),
        QStringLiteral("Logan"),
        QStringLiteral("Mason"),
        QStringLiteral("Nick"),
        QStringLiteral("Owen"),
        QStringLiteral("Parker"),
        QStringLiteral("Quinn"),
        QStringLiteral("Ryan"),
        QStringLiteral("Spencer"),
        QStringLiteral("Tyler"),
        QStringLiteral("Victor"),
        QStringLiteral("Wade"),
        QStringLiteral("Yusei"),
        QStringLiteral("Andrés"),
        QStringLiteral("Joaquín"),
        QStringLiteral("Ramón"),
        QStringLiteral("Cristian"),
        QStringLiteral("Dominic"),
    };
    return first;
}

const QStringList& lastNames()
{
    static const QStringList last {
        QStringLiteral("Anderson"),
        QStringLiteral("Bassitt"),
        QStringLiteral("Castillo"),
        QStringLiteral("Detmers"),
        QStringLiteral("Eovaldi"),
        QStringLiteral("Flaherty"),
        QStringLiteral("Gilbert"),
        QStringLiteral("Hendricks"),
        QStringLiteral("Irvin"),
        QStringLiteral("Javier"),
        QStringLiteral("Keller"),
        QStringLiteral("Lodolo"),
        QStringLiteral("Manoah"),
        QStringLiteral("Nola"),
        QStringLiteral("Ober"),
        QStringLiteral("Peralta"),
        QStringLiteral("Quantrill"),
        QStringLiteral("Ragans"),
        QStringLiteral("Singer"),
        QStringLiteral("Tanaka"),
        QStringLiteral("Urías"),
        QStringLiteral("Varland"),
        QStringLiteral("Wheeler"),
        QStringLiteral("Yarbrough"),
        QStringLiteral("Zimmermann"),
        QStringLiteral("Muñoz"),
        QStringLiteral("Ibáñez"),
        QStringLiteral("Brito"),
        QStringLiteral("Cortés"),
        QStringLiteral("Hernández"),
        QStringLiteral("Ortiz"),
        QStringLiteral("Skubal"),
    };
    return last;
}

// 150 starters: a few fixed names exercise accents and suffixes in every seed (the
// evaluation's name matching must cope with them), the rest are drawn per seed.
QStringList pitcherNames(quint64 seed)
{
    static const QStringList fixed {
        QStringLiteral("José Berríos"),
        QStringLiteral("Lance McCullers Jr."),
        QStringLiteral("Carlos Rodón"),
        QStringLiteral("Eduardo Rodríguez"),
        QStringLiteral("Jesús Luzardo"),
        QStringLiteral("Martín Pérez"),
        QStringLiteral("Ranger Suárez"),
        QStringLiteral("Luis García"),
        QStringLiteral("Adrián Houser"),
        QStringLiteral("José Quintana"),
        QStringLiteral("Michael Soroka Jr."),
        QStringLiteral("Germán Márquez"),
        QStringLiteral("Luis Severino"),
        QStringLiteral("Framber Valdez"),
        QStringLiteral("Zac Gallen"),
        QStringLiteral("Gerrit Cole"),
        QStringLiteral("A.J. Puk"),
        QStringLiteral("Hyun-Jin Ryu"),
        QStringLiteral("Yoshinobu Yamamoto"),
        QStringLiteral("Reynaldo López"),
        QStringLiteral("Randy Vásquez"),
        QStringLiteral("Jameson Taillon"),
        QStringLiteral("Chris Sale"),
        QStringLiteral("Kevin Gausman"),
        QStringLiteral("Logan Webb"),
        QStringLiteral("Dylan Cease"),
        QStringLiteral("Corbin Burnes"),
        QStringLiteral("Shohei Ohtani"),
        QStringLiteral("Sonny Gray"),
        QStringLiteral("Max Fried"),
    };
    static const QStringList suffixes { QStringLiteral(" Jr."), QStringLiteral(" II"), QStringLiteral(" III") };
    const QStringList& first = firstNames();
    const QStringList& last = lastNames();
    QStringList names = fixed;
    QSet<QString> used(fixed.begin(), fixed.end());
    Rng rng(mix(seed, 0x50495443ULL));
    while (names.size() < TeamCount * RotationSize) {
        QString name
            = first[int(rng.next() % quint64(first.size()))] + u' ' + last[int(rng.next() % quint64(last.size()))];
        if (rng.uniform() < 0.06)
            name += suffixes[int(rng.next() % quint64(suffixes.size()))];
        if (!used.contains(name)) {
            used.insert(name);
            names.append(name);
        }
    }
    // Spread the fixed names over the teams rather than giving them all to the first six.
    std::vector<int> order(names.size());
    for (int i = 0; i < int(order.size()); ++i)
        order[i] = i;
    for (int i = int(order.size()) - 1; i > 0; --i)
        std::swap(order[i], order[int(rng.next() % quint64(i + 1))]);
    QStringList shuffled;
    for (int i : order)
        shuffled.append(names[i]);
    return shuffled;
}

// Nine batters a team, drawn from their own stream after the pitchers so the pitchers'
// names (and every line built on them) stay what they were before batters existed.
QStringList batterNames(quint64 seed, const QStringList& pitchers)
{
    static const QStringList fixed {
        QStringLiteral("Ronald Acuña Jr."),
        QStringLiteral("Julio Rodríguez"),
        QStringLiteral("Vladimir Guerrero Jr."),
        QStringLiteral("Adolis García"),
        QStringLiteral("Teoscar Hernández"),
        QStringLiteral("Andrés Giménez"),
        QStringLiteral("Bobby Witt Jr."),
        QStringLiteral("Yandy Díaz"),
        QStringLiteral("Aaron Judge"),
        QStringLiteral("Freddie Freeman"),
        QStringLiteral("Mookie Betts"),
        QStringLiteral("José Ramírez"),
    };
    static const QStringList suffixes { QStringLiteral(" Jr."), QStringLiteral(" II") };
    const QStringList& first = firstNames();
    const QStringList& last = lastNames();
    QStringList names = fixed;
    QSet<QString> used(pitchers.begin(), pitchers.end());
    used.unite(QSet<QString>(fixed.begin(), fixed.end()));
    Rng rng(mix(seed, 0x4241545445525355ULL));
    while (names.size() < TeamCount * LineupSize) {
        QString name
            = first[int(rng.next() % quint64(first.size()))] + u' ' + last[int(rng.next() % quint64(last.size()))];
        if (rng.uniform() < 0.05)
            name += suffixes[int(rng.next() % quint64(suffixes.size()))];
        if (!used.contains(name)) {
            used.insert(name);
            names.append(name);
        }
    }
    for (int i = int(names.size()) - 1; i > 0; --i)
        names.swapItemsAt(i, int(rng.next() % quint64(i + 1)));
    return names;
}

struct Roster {
    QStringList pitchers; // team * RotationSize + slot
    std::vector<double> strikeoutMean;
    QStringList batters; // team * LineupSize + batting order
};

const Roster& roster(quint64 seed)
{
    static QHash<quint64, Roster> cache;
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    auto it = cache.find(seed);
    if (it == cache.end()) {
        Roster r;
        r.pitchers = pitcherNames(seed);
        for (int i = 0; i < r.pitchers.size(); ++i) {
            Rng rng(mix(seed, 0x4b4d45414eULL, quint64(i)));
            r.strikeoutMean.push_back(3.6 + 4.4 * rng.uniform());
        }
        r.batters = batterNames(seed, r.pitchers);
        it = cache.insert(seed, r);
    }
    return *it;
}

int poisson(double mean, Rng& rng)
{
    const double limit = std::exp(-mean);
    double product = rng.uniform();
    int k = 0;
    while (product > limit) {
        ++k;
        product *= rng.uniform();
    }
    return k;
}

// P(X > point) for X ~ Poisson(mean), point a half-integer.
double overProbability(double mean, double point)
{
    const int maxUnder = int(std::floor(point));
    double term = std::exp(-mean), cdf = 0;
    for (int k = 0; k <= maxUnder; ++k) {
        cdf += term;
        term *= mean / double(k + 1);
    }
    return 1.0 - cdf;
}

int americanFromProbability(double p)
{
    p = std::clamp(p, 0.08, 0.92);
    const double raw = p >= 0.5 ? -100.0 * p / (1.0 - p) : 100.0 * (1.0 - p) / p;
    int price = int(std::lround(raw / 5.0)) * 5;
    if (price > -100 && price < 100)
        price = price < 0 ? -100 : 100;
    return price;
}

double decimalFromAmerican(int price)
{
    const double d = price > 0 ? 1.0 + price / 100.0 : 1.0 + 100.0 / -price;
    return std::round(d * 100.0) / 100.0;
}

int dayOfSeason(QDate date)
{
    return int(QDate(date.year(), 4, 1).daysTo(date));
}

} // namespace

SimulatedSeason::SimulatedSeason(quint64 seed)
    : m_seed(seed)
{
}

bool SimulatedSeason::isAllStarBreak(QDate date)
{
    // Monday to Thursday of the week holding the third Tuesday of July.
    QDate firstTuesday(date.year(), 7, 1);
    while (firstTuesday.dayOfWeek() != Qt::Tuesday)
        firstTuesday = firstTuesday.addDays(1);
    const QDate monday = firstTuesday.addDays(13);
    return date >= monday && date <= monday.addDays(3);
}

bool SimulatedSeason::isSeasonDay(QDate date)
{
    return date.isValid() && date >= QDate(date.year(), 4, 1) && date <= QDate(date.year(), 9, 29)
        && !isAllStarBreak(date);
}

QStringList SimulatedSeason::teams()
{
    return teamNames();
}

QList<SimBookmaker> SimulatedSeason::allBookmakers()
{
    static const QList<SimBookmaker> books {
        { QStringLiteral("draftkings"), QStringLiteral("DraftKings"), QStringLiteral("us") },
        { QStringLiteral("fanduel"), QStringLiteral("FanDuel"), QStringLiteral("us") },
        { QStringLiteral("betmgm"), QStringLiteral("BetMGM"), QStringLiteral("us") },
        { QStringLiteral("williamhill_us"), QStringLiteral("Caesars"), QStringLiteral("us") },
        { QStringLiteral("betrivers"), QStringLiteral("BetRivers"), QStringLiteral("us") },
        { QStringLiteral("bovada"), QStringLiteral("Bovada"), QStringLiteral("us") },
        { QStringLiteral("betonlineag"), QStringLiteral("BetOnline.ag"), QStringLiteral("us") },
        { QStringLiteral("mybookieag"), QStringLiteral("MyBookie.ag"), QStringLiteral("us") },
        { QStringLiteral("lowvig"), QStringLiteral("LowVig.ag"), QStringLiteral("us") },
        { QStringLiteral("betus"), QStringLiteral("BetUS"), QStringLiteral("us") },
        { QStringLiteral("espnbet"), QStringLiteral("ESPN BET"), QStringLiteral("us2") },
        { QStringLiteral("fliff"), QStringLiteral("Fliff"), QStringLiteral("us2") },
        { QStringLiteral("hardrockbet"), QStringLiteral("Hard Rock Bet"), QStringLiteral("us2") },
        { QStringLiteral("ballybet"), QStringLiteral("Bally Bet"), QStringLiteral("us2") },
    };
    return books;
}

QStringList SimulatedSeason::pitcherMarkets()
{
    return SimMarket::keys(false);
}

QStringList SimulatedSeason::batterMarkets()
{
    return SimMarket::keys(true);
}

QList<SimGame> SimulatedSeason::games(QDate date) const
{
    QList<SimGame> result;
    if (!isSeasonDay(date))
        return result;
    const quint64 dayKey = mix(m_seed, quint64(date.toJulianDay()));
    Rng rng(dayKey);
    const bool lightDay = date.dayOfWeek() == Qt::Monday || date.dayOfWeek() == Qt::Thursday;
    const int count = lightDay ? rng.between(8, 13) : rng.between(14, 15);
    std::vector<int> order(TeamCount);
    for (int i = 0; i < TeamCount; ++i)
        order[i] = i;
    for (int i = TeamCount - 1; i > 0; --i)
        std::swap(order[i], order[int(rng.next() % quint64(i + 1))]);

    static const QList<QTime> eastTimes { QTime(13, 5), QTime(13, 10), QTime(16, 5), QTime(18, 40), QTime(19, 5),
        QTime(19, 7), QTime(19, 10), QTime(19, 40), QTime(20, 10) };
    static const QList<QTime> westTimes { QTime(16, 10), QTime(21, 38), QTime(21, 40), QTime(22, 10), QTime(22, 15) };
    const Roster& r = roster(m_seed);
    const int day = dayOfSeason(date);
    for (int g = 0; g < count; ++g) {
        const int home = order[2 * g], away = order[2 * g + 1];
        SimGame game;
        game.gameDate = date;
        game.homeTeam = teamNames()[home];
        game.awayTeam = teamNames()[away];
        const auto& times = isWestCoast(home) ? westTimes : eastTimes;
        const QTime local = times[int(rng.next() % quint64(times.size()))];
        game.commenceTime = QDateTime(date, local, newYork()).toUTC();
        // 22 hash characters + yyyymmdd + game index: opaque like the real ids, yet
        // the simulator can find the game again without any state.
        const quint64 h1 = mix(m_seed, quint64(date.toJulianDay()), quint64(g), 1);
        const quint64 h2 = mix(m_seed, quint64(date.toJulianDay()), quint64(g), 2);
        const QString hash
            = (QString::number(h1, 16).rightJustified(16, u'0') + QString::number(h2, 16).rightJustified(16, u'0'))
                  .left(22);
        game.eventId = hash + date.toString(QStringLiteral("yyyyMMdd")) + QString::number(g).rightJustified(2, u'0');

        auto makeStart = [&](int team, int opponent, bool isHome) {
            SimStart s;
            s.eventId = game.eventId;
            s.gameDate = date;
            s.commenceTime = game.commenceTime;
            const int index = team * RotationSize + ((day + team) % RotationSize + RotationSize) % RotationSize;
            s.pitcherName = r.pitchers[index];
            s.team = teamNames()[team];
            s.opponent = teamNames()[opponent];
            s.home = isHome;
            Rng form(mix(m_seed, hashString(game.eventId), quint64(index), 3));
            s.expectedStrikeouts
                = std::round(r.strikeoutMean[size_t(index)] * (0.88 + 0.24 * form.uniform()) * 100.0) / 100.0;
            s.actualStrikeouts = poisson(s.expectedStrikeouts, form);
            return s;
        };
        game.homeStarter = makeStart(home, away, true);
        game.awayStarter = makeStart(away, home, false);
        game.homeLineup = r.batters.mid(home * LineupSize, LineupSize);
        game.awayLineup = r.batters.mid(away * LineupSize, LineupSize);
        result.append(game);
    }
    std::stable_sort(result.begin(), result.end(),
        [](const SimGame& a, const SimGame& b) { return a.commenceTime < b.commenceTime; });
    return result;
}

std::optional<SimGame> SimulatedSeason::game(const QString& eventId) const
{
    if (eventId.size() != 32)
        return std::nullopt;
    const QDate date = QDate::fromString(eventId.mid(22, 8), QStringLiteral("yyyyMMdd"));
    if (!date.isValid())
        return std::nullopt;
    for (const SimGame& g : games(date)) {
        if (g.eventId == eventId)
            return g;
    }
    return std::nullopt;
}

QList<SimStart> SimulatedSeason::starts(QDate from, QDate to) const
{
    QList<SimStart> result;
    for (QDate d = from; d.isValid() && d <= to; d = d.addDays(1)) {
        for (const SimGame& g : games(d)) {
            result.append(g.awayStarter);
            result.append(g.homeStarter);
        }
    }
    return result;
}

QList<SimBookmaker> SimulatedSeason::bookmakers(const SimGame& game) const
{
    QList<SimBookmaker> books = allBookmakers();
    Rng rng(mix(m_seed, hashString(game.eventId), 4));
    const int count = rng.between(5, 12);
    for (int i = int(books.size()) - 1; i > 0; --i)
        books.swapItemsAt(i, int(rng.next() % quint64(i + 1)));
    books = books.mid(0, count);
    const QList<SimBookmaker> all = allBookmakers();
    std::sort(books.begin(), books.end(), [&all](const SimBookmaker& a, const SimBookmaker& b) {
        auto pos = [&all](const SimBookmaker& x) {
            return std::find_if(all.begin(), all.end(), [&x](const SimBookmaker& y) { return y.key == x.key; })
                - all.begin();
        };
        return pos(a) < pos(b);
    });
    return books;
}

QDateTime SimulatedSeason::snapshotAt(const QDateTime& at)
{
    const qint64 secs = at.toSecsSinceEpoch();
    return QDateTime::fromSecsSinceEpoch(secs - ((secs % 300) + 300) % 300, QTimeZone::utc());
}

QString SimulatedSeason::isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

namespace {

// dateFormat=unix turns every time field into seconds since the epoch (the API's rule).
ojson timeJson(const QDateTime& time, bool unixDates)
{
    return unixDates ? ojson(time.toSecsSinceEpoch()) : ojson(SimulatedSeason::isoUtc(time).toStdString());
}

QByteArray envelope(const QDateTime& snapshot, const ojson& data, bool unixDates)
{
    ojson body { { "timestamp", timeJson(snapshot, unixDates) },
        { "previous_timestamp", timeJson(snapshot.addSecs(-300), unixDates) },
        { "next_timestamp", timeJson(snapshot.addSecs(300), unixDates) }, { "data", data } };
    return QByteArray::fromStdString(body.dump());
}

// A player's mean for one market in one game: mostly who he is, a little the matchup.
// Keyed by market and name, never by a shared stream, so adding a market or a batter
// leaves every other number where it was.
double propMean(quint64 seed, const SimMarket& market, const QString& player, const QString& eventId)
{
    Rng talent(mix(seed, hashString(market.key), hashString(player), 5));
    Rng form(mix(seed, hashString(market.key), hashString(player), hashString(eventId)));
    const double u = 0.75 * talent.uniform() + 0.25 * form.uniform();
    return market.meanLow + (market.meanHigh - market.meanLow) * u;
}

} // namespace

QByteArray SimulatedSeason::eventsJson(
    const QString& sport, const QDateTime& at, const SimEventsQuery& query, int* eventCount) const
{
    const QDateTime snapshot = snapshotAt(at);
    ojson data = ojson::array();
    // Upcoming games of the next two days, like the real listing at that moment.
    const QDate nyDate = snapshot.toTimeZone(newYork()).date();
    int count = 0;
    for (QDate d = nyDate; d <= nyDate.addDays(1); d = d.addDays(1)) {
        for (const SimGame& g : games(d)) {
            if (g.commenceTime <= snapshot)
                continue;
            if (!query.eventIds.isEmpty() && !query.eventIds.contains(g.eventId))
                continue;
            if ((query.commenceFrom.isValid() && g.commenceTime < query.commenceFrom)
                || (query.commenceTo.isValid() && g.commenceTime > query.commenceTo))
                continue;
            data.push_back({ { "id", g.eventId.toStdString() }, { "sport_key", sport.toStdString() },
                { "sport_title", "MLB" }, { "commence_time", timeJson(g.commenceTime, query.unixDates) },
                { "home_team", g.homeTeam.toStdString() }, { "away_team", g.awayTeam.toStdString() } });
            ++count;
        }
    }
    if (eventCount)
        *eventCount = count;
    return envelope(snapshot, data, query.unixDates);
}

SimOddsResult SimulatedSeason::eventOddsJson(
    const QString& sport, const SimGame& game, const QDateTime& at, const SimOddsQuery& query) const
{
    SimOddsResult result;
    QDateTime snapshot = snapshotAt(at);
    // After the first pitch the props are gone; the last pregame snapshot stands.
    if (snapshot >= game.commenceTime)
        snapshot = snapshotAt(game.commenceTime.addSecs(-1));
    const qint64 before = snapshot.secsTo(game.commenceTime);
    const bool open = before <= LinesOpenSecondsBefore;
    const qint64 bucket = before / LineMoveBucketSeconds;

    QList<SimBookmaker> books;
    for (const SimBookmaker& b : bookmakers(game)) {
        if (query.bookmakers.isEmpty() ? query.regions.contains(b.region) : query.bookmakers.contains(b.key))
            books.append(b);
    }
    result.regionCount = query.bookmakers.isEmpty() ? std::max<int>(1, int(query.regions.size()))
                                                    : std::max<int>(1, int((query.bookmakers.size() + 9) / 10));

    // The markets asked for, in the catalogue's order whatever the query's, each once;
    // the players and their means do not depend on the bookmaker.
    struct Priced {
        const SimMarket* market;
        QStringList players;
        std::vector<double> means;
    };
    std::vector<Priced> priced;
    for (const SimMarket& m : SimMarket::all()) {
        if (!query.markets.contains(m.key))
            continue;
        Priced p { &m, {}, {} };
        if (m.key != QStringLiteral("pitcher_strikeouts")) {
            p.players = m.batter ? game.awayLineup + game.homeLineup
                                 : QStringList { game.awayStarter.pitcherName, game.homeStarter.pitcherName };
            for (const QString& player : p.players)
                p.means.push_back(propMean(m_seed, m, player, game.eventId));
        }
        priced.push_back(std::move(p));
    }
    auto price
        = [&query](int american) { return query.decimal ? ojson(decimalFromAmerican(american)) : ojson(american); };

    ojson bookmakersJson = ojson::array();
    QSet<QString> returned;
    for (const SimBookmaker& b : open ? books : QList<SimBookmaker>()) {
        ojson marketsJson = ojson::array();
        QDateTime bookUpdate;
        for (const Priced& p : priced) {
            ojson outcomes = ojson::array();
            QDateTime lastUpdate;
            if (p.market->key == QStringLiteral("pitcher_strikeouts")) {
                // The original generator, draw for draw: its answers are fixtures elsewhere.
                Rng rng(mix(m_seed, hashString(game.eventId), hashString(b.key), quint64(bucket)));
                lastUpdate = snapshot.addSecs(-qint64(rng.next() % 240));
                for (const SimStart* s : { &game.awayStarter, &game.homeStarter }) {
                    if (rng.uniform() < 0.08) // some books do not price every starter
                        continue;
                    const double mean = s->expectedStrikeouts + (rng.uniform() - 0.5) * 0.5;
                    const double point = std::clamp(std::floor(mean + (rng.uniform() - 0.5) * 0.6) + 0.5, 4.5, 7.5);
                    const double pOver = overProbability(mean, point);
                    const double vig = 1.035 + 0.02 * rng.uniform();
                    const int over = americanFromProbability(pOver * vig);
                    const int under = americanFromProbability((1.0 - pOver) * vig);
                    outcomes.push_back({ { "name", "Over" }, { "description", s->pitcherName.toStdString() },
                        { "price", price(over) }, { "point", point } });
                    outcomes.push_back({ { "name", "Under" }, { "description", s->pitcherName.toStdString() },
                        { "price", price(under) }, { "point", point } });
                }
            } else {
                // A stream of its own per (market, event, book, line move): never shares
                // draws with the strikeout lines above.
                const SimMarket& m = *p.market;
                Rng rng(
                    mix(mix(m_seed, hashString(m.key)), hashString(game.eventId), hashString(b.key), quint64(bucket)));
                lastUpdate = snapshot.addSecs(-qint64(rng.next() % 240));
                const double spread = m.meanHigh - m.meanLow;
                for (int i = 0; i < int(p.players.size()); ++i) {
                    if (rng.uniform() < (m.batter ? 0.15 : 0.08)) // not every book prices every player
                        continue;
                    const double mean = std::max(0.05, p.means[size_t(i)] + (rng.uniform() - 0.5) * 0.12 * spread);
                    const double point
                        = std::clamp(std::floor(mean + (rng.uniform() - 0.5) * 0.6) + 0.5, m.pointLow, m.pointHigh);
                    const double pOver = overProbability(mean, point);
                    const double vig = 1.035 + 0.02 * rng.uniform();
                    const int over = americanFromProbability(pOver * vig);
                    const int under = americanFromProbability((1.0 - pOver) * vig);
                    const std::string name = p.players[i].toStdString();
                    outcomes.push_back(
                        { { "name", "Over" }, { "description", name }, { "price", price(over) }, { "point", point } });
                    outcomes.push_back({ { "name", "Under" }, { "description", name }, { "price", price(under) },
                        { "point", point } });
                }
            }
            if (outcomes.empty())
                continue;
            returned.insert(p.market->key);
            if (!bookUpdate.isValid() || lastUpdate > bookUpdate)
                bookUpdate = lastUpdate;
            marketsJson.push_back({ { "key", p.market->key.toStdString() },
                { "last_update", timeJson(lastUpdate, query.unixDates) }, { "outcomes", outcomes } });
        }
        if (marketsJson.empty())
            continue;
        bookmakersJson.push_back({ { "key", b.key.toStdString() }, { "title", b.title.toStdString() },
            { "last_update", timeJson(bookUpdate, query.unixDates) }, { "markets", marketsJson } });
    }
    result.marketsReturned = int(returned.size());
    result.credits = 10 * result.marketsReturned * result.regionCount;
    ojson data { { "id", game.eventId.toStdString() }, { "sport_key", sport.toStdString() }, { "sport_title", "MLB" },
        { "commence_time", timeJson(game.commenceTime, query.unixDates) }, { "home_team", game.homeTeam.toStdString() },
        { "away_team", game.awayTeam.toStdString() }, { "bookmakers", bookmakersJson } };
    result.body = envelope(snapshot, data, query.unixDates);
    return result;
}

} // namespace bfs::sim
