#include "OddsSnapshotParser.h"

#include "evaluation/NameNormalizer.h"
#include "odds/load/JsonCursor.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>
#include <string_view>
#include <unordered_map>

namespace bfs {

namespace {

using namespace std::string_view_literals;

// normalizePlayerName goes through QString and a Unicode decomposition (NFKD); a season names a
// few hundred pitchers, so each thread remembers the ones it has seen.
const std::string& playerLookup(std::string_view name)
{
    thread_local std::unordered_map<std::string, std::string> cache;
    thread_local std::string key;
    key.assign(name);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    if (cache.size() > 100000)
        cache.clear();
    const QString lookup = normalizePlayerName(QString::fromUtf8(name.data(), qsizetype(name.size())));
    return cache.emplace(key, lookup.toStdString()).first->second;
}

// Milliseconds since the epoch of an ISO 8601 time. The API's own form
// ("2024-05-03T23:05:00Z", optionally with fractions) is read directly; anything else
// goes through QDateTime.
std::optional<qint64> parseUtcMs(const std::string& text)
{
    auto digits = [&](std::size_t at, int count) {
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = text[at + std::size_t(i)];
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    if (text.size() >= 20 && text.back() == 'Z' && text[4] == '-' && text[7] == '-' && text[10] == 'T'
        && text[13] == ':' && text[16] == ':') {
        const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
        const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
        bool fractionOk = text.size() == 20;
        if (!fractionOk && text[19] == '.' && text.size() > 21) {
            fractionOk = true;
            for (std::size_t i = 20; i + 1 < text.size(); ++i)
                fractionOk = fractionOk && text[i] >= '0' && text[i] <= '9';
        }
        const QDate date(year, month, day);
        if (fractionOk && date.isValid() && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0
            && second < 60) {
            int millis = 0;
            for (std::size_t i = 20, scale = 100; i + 1 < text.size() && scale > 0; ++i, scale /= 10)
                millis += int(scale) * (text[i] - '0');
            return (date.toJulianDay() - 2440588) * 86400000LL + hour * 3600000LL + minute * 60000LL + second * 1000LL
                + millis;
        }
    }
    const QDateTime time = QDateTime::fromString(QString::fromUtf8(text.data(), qsizetype(text.size())), Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

// YYYY-MM-DD of an instant in America/New_York. Offsets change only on whole UTC hours
// (2 a.m. local), so each thread remembers the offset per UTC hour.
std::optional<std::string> newYorkDate(qint64 utcMs)
{
    thread_local const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    thread_local std::unordered_map<qint64, int> offsets;
    if (!newYork.isValid())
        return std::nullopt;
    const qint64 hour = utcMs >= 0 ? utcMs / 3600000 : (utcMs - 3599999) / 3600000;
    auto it = offsets.find(hour);
    if (it == offsets.end()) {
        if (offsets.size() > 200000)
            offsets.clear();
        const int offset = newYork.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(hour * 3600000, QTimeZone::utc()));
        it = offsets.emplace(hour, offset).first;
    }
    const qint64 local = utcMs + qint64(it->second) * 1000;
    const qint64 days = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    return QDate::fromJulianDay(days + 2440588).toString(Qt::ISODate).toStdString();
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

// The reading state of one file.
class Reader {
public:
    Reader(JsonCursor& json, OddsSnapshot& out)
        : m_json(json)
        , m_out(out)
    {
    }

    bool document(QString& error);

private:
    bool event();
    bool bookmaker();
    bool market();
    bool outcome(std::size_t marketStart);
    // A value of the expected JSON type, or a rejection naming the member.
    bool text(const char* member, std::string& out)
    {
        const char c = m_json.peek();
        if (c != '"' && c != 0)
            return reject(QStringLiteral("`%1` is not a string").arg(QLatin1String(member)));
        return m_json.readString(out);
    }
    bool optionalText(const char* member, std::optional<std::string>& out)
    {
        if (m_json.takeNull()) {
            out.reset();
            return true;
        }
        std::string value;
        if (!text(member, value))
            return false;
        out = std::move(value);
        return true;
    }
    bool view(const char* member, std::string_view& out, std::string& scratch)
    {
        const char c = m_json.peek();
        if (c != '"' && c != 0)
            return reject(QStringLiteral("`%1` is not a string").arg(QLatin1String(member)));
        return m_json.readStringView(out, scratch);
    }
    // A list member: null, or an array whose elements `element` reads.
    template <typename Element> bool list(Element element)
    {
        if (m_json.takeNull())
            return true;
        bool ok = m_json.beginArray();
        bool first = true;
        while (ok && m_json.nextElement(first))
            ok = element();
        return ok && m_json.ok();
    }
    // What bookmakers and markets have in common: `key`, `last_update` and a list of
    // children (`markets`, `outcomes`) read by `child`; other members are skipped.
    struct Keyed {
        std::string key;
        bool haveKey = false;
        std::optional<std::string> update;
    };
    template <typename Child> bool keyedObject(const char* what, std::string_view children, Child child, Keyed& out)
    {
        if (!m_json.beginObject())
            return reject(QStringLiteral("a %1 is not an object").arg(QLatin1String(what)));
        bool first = true;
        std::string_view name;
        while (m_json.nextMember(first, name)) {
            bool ok = true;
            if (name == "key"sv) {
                ok = text("key", out.key);
                out.haveKey = true;
            } else if (name == "last_update"sv) {
                ok = optionalText("last_update", out.update);
            } else if (name == children) {
                ok = list(child);
            } else {
                ok = m_json.skipValue();
            }
            if (!ok)
                return false;
        }
        return m_json.ok();
    }
    // `text` kept for the rows' views.
    std::optional<std::string_view> keep(const std::optional<std::string>& text)
    {
        return text ? std::optional(m_out.keep(*text)) : std::nullopt;
    }
    bool number(const char* member, double& out)
    {
        const char c = m_json.peek();
        if (c != '-' && (c < '0' || c > '9') && c != 0)
            return reject(QStringLiteral("`%1` is not a number").arg(QLatin1String(member)));
        return m_json.readNumber(out);
    }
    bool reject(const QString& reason)
    {
        if (m_reason.isEmpty())
            m_reason = reason;
        return false;
    }

    // A player named in this file: the name as written and its lookup, kept once.
    struct Player {
        std::string_view name;
        std::string_view lookup;
    };
    const Player& player(std::string_view description)
    {
        for (const Player& known : m_players) {
            if (known.name == description)
                return known;
        }
        const std::string_view name = m_out.keep(description);
        m_players.push_back({ name, m_out.keep(playerLookup(name)) });
        return m_players.back();
    }

    JsonCursor& m_json;
    OddsSnapshot& m_out;
    std::vector<Player> m_players;
    QString m_reason;
    std::string m_sideScratch, m_descriptionScratch;
    bool m_haveData = false;
    bool m_haveTimestamp = false;
    bool m_haveId = false;
    bool m_haveCommence = false;
};

bool Reader::document(QString& error)
{
    auto finish = [&](bool ok) {
        if (!ok)
            error = !m_reason.isEmpty() ? m_reason : m_json.error();
        return ok;
    };
    if (m_json.peek() != '{')
        return finish(reject(m_json.peek() == 0 ? QStringLiteral("empty file") : QStringLiteral("not a JSON object")));
    m_json.beginObject();
    bool first = true;
    std::string_view key;
    while (m_json.nextMember(first, key)) {
        if (key == "timestamp"sv) {
            if (!text("timestamp", m_out.snapshotTime))
                return finish(false);
            m_haveTimestamp = true;
        } else if (key == "data"sv) {
            const char c = m_json.peek();
            if (c == '[')
                return finish(reject(QStringLiteral("`data` is a list: an events list, not an event's odds")));
            if (c != '{')
                return finish(reject(QStringLiteral("`data` is not an object")));
            if (!event())
                return finish(false);
            m_haveData = true;
        } else if (!m_json.skipValue()) {
            return finish(false);
        }
    }
    if (!m_json.ok())
        return finish(false);
    if (!m_json.atEnd())
        return finish(reject(QStringLiteral("unexpected content after the JSON object")));
    if (!m_haveData)
        return finish(reject(QStringLiteral("no `data` object: not an event-odds response")));
    if (!m_haveTimestamp)
        return finish(reject(QStringLiteral("no top-level `timestamp`")));
    if (!parseUtcMs(m_out.snapshotTime))
        return finish(reject(QStringLiteral("`timestamp` '%1' is not an ISO 8601 time")
                                 .arg(QString::fromStdString(m_out.snapshotTime))));
    if (!m_haveId || m_out.eventId.empty())
        return finish(reject(QStringLiteral("the event has no `id`")));
    if (!m_haveCommence)
        return finish(reject(QStringLiteral("the event has no `commence_time`")));
    const auto commence = parseUtcMs(m_out.commenceTime);
    if (!commence)
        return finish(reject(QStringLiteral("`commence_time` '%1' is not an ISO 8601 time")
                                 .arg(QString::fromStdString(m_out.commenceTime))));
    const auto gameDate = newYorkDate(*commence);
    if (!gameDate)
        return finish(reject(QStringLiteral("the time zone America/New_York is not available on this system")));
    m_out.gameDate = *gameDate;
    return finish(true);
}

bool Reader::event()
{
    m_json.beginObject();
    bool first = true;
    std::string_view key;
    while (m_json.nextMember(first, key)) {
        bool ok = true;
        if (key == "id"sv) {
            ok = text("id", m_out.eventId);
            m_haveId = true;
        } else if (key == "sport_key"sv) {
            ok = text("sport_key", m_out.sport);
        } else if (key == "commence_time"sv) {
            ok = text("commence_time", m_out.commenceTime);
            m_haveCommence = true;
        } else if (key == "home_team"sv) {
            ok = optionalText("home_team", m_out.homeTeam);
        } else if (key == "away_team"sv) {
            ok = optionalText("away_team", m_out.awayTeam);
        } else if (key == "bookmakers"sv) {
            ok = list([this] { return bookmaker(); });
        } else {
            ok = m_json.skipValue();
        }
        if (!ok)
            return false;
    }
    return m_json.ok();
}

bool Reader::bookmaker()
{
    // Members come in any order: the key may follow the markets, so rows made here get
    // their bookmaker (and fallback last_update) when the object ends.
    const std::size_t start = m_out.lines.size();
    Keyed book;
    if (!keyedObject(
            "bookmaker", "markets"sv, [this] { return market(); }, book))
        return false;
    if (!book.haveKey || book.key.empty())
        return reject(QStringLiteral("a bookmaker has no `key`"));
    if (m_out.lines.size() == start)
        return true;
    const std::string_view key = m_out.keep(book.key);
    const auto update = keep(book.update);
    for (std::size_t i = start; i < m_out.lines.size(); ++i) {
        m_out.lines[i].bookmaker = key;
        if (!m_out.lines[i].lastUpdate)
            m_out.lines[i].lastUpdate = update;
    }
    return true;
}

bool Reader::market()
{
    const std::size_t start = m_out.lines.size();
    Keyed market;
    if (!keyedObject(
            "market", "outcomes"sv, [this, start] { return outcome(start); }, market))
        return false;
    if (market.key.empty() && m_out.lines.size() > start)
        return reject(QStringLiteral("a market has no `key`"));
    if (m_out.lines.size() == start)
        return true;
    const std::string_view key = m_out.keep(market.key);
    const auto update = keep(market.update);
    for (std::size_t i = start; i < m_out.lines.size(); ++i) {
        m_out.lines[i].market = key;
        m_out.lines[i].lastUpdate = update;
    }
    return true;
}

bool Reader::outcome(std::size_t marketStart)
{
    if (!m_json.beginObject())
        return reject(QStringLiteral("an outcome is not an object"));
    std::string_view side, description;
    double price = 0;
    double point = 0;
    bool havePrice = false, havePoint = false, haveDescription = false;
    bool first = true;
    std::string_view name;
    while (m_json.nextMember(first, name)) {
        bool ok = true;
        if (name == "name"sv) {
            ok = view("name", side, m_sideScratch);
        } else if (name == "description"sv) {
            haveDescription = !m_json.takeNull() && m_json.ok();
            ok = !haveDescription ? m_json.ok() : view("description", description, m_descriptionScratch);
        } else if (name == "price"sv) {
            havePrice = !m_json.takeNull() && m_json.ok();
            ok = !havePrice ? m_json.ok() : number("price", price);
        } else if (name == "point"sv) {
            havePoint = !m_json.takeNull() && m_json.ok();
            ok = !havePoint ? m_json.ok() : number("point", point);
        } else {
            ok = m_json.skipValue();
        }
        if (!ok)
            return false;
    }
    if (!m_json.ok())
        return false;
    const bool over = side == "Over"sv || equalsIgnoreCase(side, "over"sv);
    if (!over && side != "Under"sv && !equalsIgnoreCase(side, "under"sv))
        return true; // not an over/under outcome
    auto describe = [&](const char* what) {
        return QStringLiteral("the %1 outcome of '%2' has %3")
            .arg(QString::fromUtf8(side.data(), qsizetype(side.size())),
                QString::fromUtf8(description.data(), qsizetype(description.size())), QLatin1String(what));
    };
    if (!haveDescription)
        return reject(QStringLiteral("an %1 outcome has no `description` (player)")
                          .arg(QString::fromUtf8(side.data(), qsizetype(side.size()))));
    if (!havePrice)
        return reject(describe("no `price`"));
    if (!havePoint)
        return reject(describe("no `point`"));
    if (!std::isfinite(point) || !std::isfinite(price))
        return reject(describe("a non-finite number"));

    // The other side of this outcome, found by the name as written (the usual case) or
    // else by the player's lookup (another spelling of the same player).
    auto find = [&](auto matches) -> BettingLine* {
        for (std::size_t i = marketStart; i < m_out.lines.size(); ++i) {
            if (m_out.lines[i].point == point && matches(m_out.lines[i]))
                return &m_out.lines[i];
        }
        return nullptr;
    };
    BettingLine* line = find([&](const BettingLine& l) { return l.playerName == description; });
    if (!line) {
        const Player& player = this->player(description);
        line = find([&](const BettingLine& l) { return l.playerLookup == player.lookup; });
        if (!line) {
            line = &m_out.lines.emplace_back();
            line->playerName = player.name;
            line->playerLookup = player.lookup;
            line->point = point;
        }
    }
    // A repeated side keeps the first quote, as the unique key keeps the first row.
    auto& quote = over ? line->overQuote : line->underQuote;
    if (!quote)
        quote = price;
    return true;
}

// Fills the American prices and implied probabilities from the quotes.
bool convertPrices(OddsSnapshot& out, OddsFormat format, QString& error)
{
    bool decimal = format == OddsFormat::Decimal;
    if (format == OddsFormat::Auto) {
        for (const auto& line : out.lines) {
            if ((line.overQuote && odds::looksDecimal(*line.overQuote))
                || (line.underQuote && odds::looksDecimal(*line.underQuote))) {
                decimal = true;
                break;
            }
        }
    }
    out.decimalPrices = decimal;
    auto convert = [&](const BettingLine& line, const std::optional<double>& quote, std::optional<int>& price,
                       std::optional<double>& probability) {
        if (!quote)
            return true;
        const double q = *quote;
        int american = 0;
        if (decimal) {
            if (q <= 1.0) {
                error = QStringLiteral("decimal price %1 of '%2' (%3) is not above 1")
                            .arg(q)
                            .arg(QString::fromUtf8(line.playerName.data(), qsizetype(line.playerName.size())),
                                QString::fromUtf8(line.bookmaker.data(), qsizetype(line.bookmaker.size())));
                return false;
            }
            american = odds::decimalToAmerican(q);
        } else {
            if (odds::looksDecimal(q) || std::abs(q) > 1e6) {
                error = QStringLiteral("American price %1 of '%2' (%3) is impossible")
                            .arg(q)
                            .arg(QString::fromUtf8(line.playerName.data(), qsizetype(line.playerName.size())),
                                QString::fromUtf8(line.bookmaker.data(), qsizetype(line.bookmaker.size())));
                return false;
            }
            american = int(std::lround(q));
        }
        price = american;
        probability = odds::impliedProbability(american);
        return true;
    };
    for (auto& line : out.lines) {
        if (!convert(line, line.overQuote, line.overPrice, line.overImpliedProb)
            || !convert(line, line.underQuote, line.underPrice, line.underImpliedProb))
            return false;
    }
    return true;
}

} // namespace

OddsSnapshotParser::OddsSnapshotParser(OddsFormat format, std::string fallbackSport)
    : m_format(format)
    , m_fallbackSport(std::move(fallbackSport))
{
}

bool OddsSnapshotParser::parse(QByteArrayView bytes, OddsSnapshot& out, QString& error) const
{
    out = OddsSnapshot();
    out.lines.reserve(std::size_t(bytes.size()) / 160 + 4); // an Over and an Under take ~160 bytes
    JsonCursor json(bytes.data(), bytes.data() + bytes.size());
    Reader reader(json, out);
    if (!reader.document(error) || !convertPrices(out, m_format, error)) {
        out = OddsSnapshot();
        return false;
    }
    if (out.sport.empty())
        out.sport = m_fallbackSport;
    if (out.sport.empty()) {
        error = QStringLiteral("the event has no `sport_key`");
        return false;
    }
    return true;
}

} // namespace bfs
