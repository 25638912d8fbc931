#include "OddsSnapshotParser.h"

#include "evaluation/NameNormalizer.h"

#include <QDateTime>
#include <QTimeZone>

#include <simdjson.h>

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

namespace od = simdjson::ondemand;

// What went wrong, in a few words, for an error simdjson reports.
const char* describe(simdjson::error_code code)
{
    switch (code) {
    case simdjson::TAPE_ERROR:
        return "malformed structure (a missing or extra ',', ':', bracket or value)";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        return "unexpected end of input";
    case simdjson::DEPTH_ERROR:
        return "nested too deeply";
    case simdjson::STRING_ERROR:
        return "bad escape in a string";
    case simdjson::UNESCAPED_CHARS:
        return "control character in a string";
    case simdjson::UNCLOSED_STRING:
        return "unterminated string";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
        return "unexpected token";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
        return "bad number";
    case simdjson::UTF8_ERROR:
        return "not valid UTF-8";
    case simdjson::INCORRECT_TYPE:
        return "unexpected token";
    case simdjson::TRAILING_CONTENT:
        return "unexpected content after the JSON object";
    default:
        return simdjson::error_message(code);
    }
}

// Where simdjson's first pass (which gives no location) found `code`: the first invalid UTF-8
// sequence, the first raw control character in a string, the opening quote of a string that
// is never closed. Runs only for a file that is refused.
std::size_t scanOffset(const char* begin, std::size_t size, simdjson::error_code code)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(begin);
    bool inString = false;
    std::size_t opened = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const unsigned char c = bytes[i];
        if (code == simdjson::UTF8_ERROR && c >= 0x80) {
            // Lead byte: the number of continuation bytes and the smallest valid second byte range.
            int more = 0;
            unsigned char low = 0x80, high = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                low = c == 0xE0 ? 0xA0 : 0x80;
                high = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                low = c == 0xF0 ? 0x90 : 0x80;
                high = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            for (int k = 1; k <= more; ++k) {
                const std::size_t at = i + std::size_t(k);
                if (at >= size || bytes[at] < (k == 1 ? low : 0x80) || bytes[at] > (k == 1 ? high : 0xBF))
                    return i;
            }
            i += std::size_t(more);
            continue;
        }
        if (!inString) {
            if (c == '"') {
                inString = true;
                opened = i;
            }
        } else if (c == '\\') {
            ++i;
        } else if (c == '"') {
            inString = false;
        } else if (c < 0x20 && code == simdjson::UNESCAPED_CHARS) {
            return i;
        }
    }
    return inString && code == simdjson::UNCLOSED_STRING ? opened : size;
}

// The reading state of one file.
class Reader {
public:
    Reader(od::document& doc, const char* begin, std::size_t size, OddsSnapshot& out)
        : m_doc(doc)
        , m_begin(begin)
        , m_size(size)
        , m_out(out)
    {
    }

    bool document(simdjson::error_code iterated);
    QString error() const { return m_reason; }

private:
    bool event(od::value value);
    bool bookmaker(od::value value);
    bool market(od::value value);
    bool outcome(od::value value, std::size_t marketStart);
    // Reads every part of a value the parser does not use, so that a malformed value is
    // an error wherever it is (simdjson's On-Demand API skips without checking).
    bool validate(od::value value, int depth = 0);

    // False, with the error and its byte offset, unless `code` is SUCCESS.
    bool check(simdjson::error_code code) { return code == simdjson::SUCCESS || fail(code); }
    [[gnu::noinline]] bool fail(simdjson::error_code code)
    {
        const char* at = nullptr;
        std::size_t offset = m_size;
        if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT)
            offset = m_size; // the input ended inside an object or array
        else if (!m_iterated)
            offset = scanOffset(m_begin, m_size, code);
        else if (m_doc.current_location().get(at) == simdjson::SUCCESS && at >= m_begin && at <= m_begin + m_size)
            offset = std::size_t(at - m_begin);
        return reject(QStringLiteral("invalid JSON at byte %1: %2").arg(offset).arg(QLatin1String(describe(code))));
    }
    bool type(od::value& value, od::json_type& out) { return check(value.type().get(out)); }
    // The field's name, decoded. Most names have no escape: those are read in place (simdjson
    // has checked that the string is closed), the others decoded into the parser's buffer.
    bool name(od::field& field, std::string_view& out)
    {
        const char* raw = field.key().raw();
        const char* end = raw;
        while (*end != '"' && *end != '\\')
            ++end;
        if (*end == '"') {
            out = std::string_view(raw, std::size_t(end - raw));
            return true;
        }
        return check(field.unescaped_key().get(out));
    }
    // A value of the expected JSON type, or a rejection naming the member.
    bool text(const char* member, od::value value, std::string_view& out)
    {
        const simdjson::error_code code = value.get_string().get(out);
        if (code == simdjson::INCORRECT_TYPE)
            return reject(QStringLiteral("`%1` is not a string").arg(QLatin1String(member)));
        return check(code);
    }
    bool text(const char* member, od::value value, std::string& out)
    {
        std::string_view view;
        if (!text(member, value, view))
            return false;
        out.assign(view);
        return true;
    }
    // Null is read as `nullopt`.
    bool optionalText(const char* member, od::value value, std::optional<std::string>& out)
    {
        bool null = false;
        if (!check(value.is_null().get(null)))
            return false;
        if (null) {
            out.reset();
            return true;
        }
        std::string text;
        if (!this->text(member, value, text))
            return false;
        out = std::move(text);
        return true;
    }
    bool number(const char* member, od::value value, double& out)
    {
        const simdjson::error_code code = value.get_double().get(out);
        if (code == simdjson::INCORRECT_TYPE)
            return reject(QStringLiteral("`%1` is not a number").arg(QLatin1String(member)));
        return check(code);
    }
    // A list member: null, or an array whose elements `element` reads.
    template <typename Element> bool list(od::value value, Element element)
    {
        bool null = false;
        if (!check(value.is_null().get(null)))
            return false;
        if (null)
            return true;
        od::array array;
        if (!check(value.get_array().get(array)))
            return false;
        for (auto item : array) {
            od::value v;
            if (!check(std::move(item).get(v)) || !element(v))
                return false;
        }
        return true;
    }
    // Each member of an object, by name: `member(name, value)`.
    template <typename Member> bool members(od::value value, Member member)
    {
        od::object object;
        if (!check(value.get_object().get(object)))
            return false;
        for (auto item : object) {
            od::field field;
            std::string_view key;
            if (!check(std::move(item).get(field)) || !name(field, key) || !member(key, field.value()))
                return false;
        }
        return true;
    }
    // What bookmakers and markets have in common: `key`, `last_update` and a list of
    // children (`markets`, `outcomes`) read by `child`; other members are validated and left.
    struct Keyed {
        std::string key;
        bool haveKey = false;
        std::optional<std::string> update;
    };
    template <typename Child>
    bool keyedObject(const char* what, od::value value, std::string_view children, Child child, Keyed& out)
    {
        od::json_type t = od::json_type::null;
        if (!type(value, t))
            return false;
        if (t != od::json_type::object)
            return reject(QStringLiteral("a %1 is not an object").arg(QLatin1String(what)));
        return members(value, [&](std::string_view name, od::value member) {
            if (name == "key"sv) {
                out.haveKey = true;
                return text("key", member, out.key);
            }
            if (name == "last_update"sv)
                return optionalText("last_update", member, out.update);
            if (name == children)
                return list(member, child);
            return validate(member);
        });
    }
    // `text` kept for the rows' views.
    std::optional<std::string_view> keep(const std::optional<std::string>& text)
    {
        return text ? std::optional(m_out.keep(*text)) : std::nullopt;
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

    od::document& m_doc;
    const char* m_begin;
    std::size_t m_size;
    OddsSnapshot& m_out;
    std::vector<Player> m_players;
    QString m_reason;
    bool m_iterated = false; // simdjson's first pass succeeded: m_doc has a location
    bool m_haveData = false;
    bool m_haveTimestamp = false;
    bool m_haveId = false;
    bool m_haveCommence = false;
};

bool Reader::validate(od::value value, int depth)
{
    // Deep enough for any response, shallow enough for the stack (simdjson's first pass does
    // not limit nesting).
    constexpr int MaxDepth = 256;
    if (depth > MaxDepth)
        return check(simdjson::DEPTH_ERROR);
    od::json_type t = od::json_type::null;
    if (!type(value, t))
        return false;
    switch (t) {
    case od::json_type::object:
        return members(
            value, [this, depth](std::string_view, od::value member) { return validate(member, depth + 1); });
    case od::json_type::array:
        return list(value, [this, depth](od::value element) { return validate(element, depth + 1); });
    case od::json_type::string: {
        std::string_view ignored;
        return check(value.get_string().get(ignored));
    }
    case od::json_type::number: {
        double ignored = 0;
        return check(value.get_double().get(ignored));
    }
    case od::json_type::boolean: {
        bool ignored = false;
        return check(value.get_bool().get(ignored));
    }
    case od::json_type::null: {
        bool null = false;
        return check(value.is_null().get(null)) && (null || check(simdjson::N_ATOM_ERROR));
    }
    }
    return check(simdjson::TAPE_ERROR);
}

bool Reader::document(simdjson::error_code iterated)
{
    // Empty and non-object files are named before simdjson sees them: a 502 page or a
    // zero-byte answer is the common case, and its reason says more than a JSON error.
    std::size_t first = 0;
    while (first < m_size
        && (m_begin[first] == ' ' || m_begin[first] == '\n' || m_begin[first] == '\r' || m_begin[first] == '\t'))
        ++first;
    if (first == m_size)
        return reject(QStringLiteral("empty file"));
    if (m_begin[first] != '{')
        return reject(QStringLiteral("not a JSON object"));
    if (!check(iterated))
        return false;
    m_iterated = true;
    od::object root;
    if (!check(m_doc.get_object().get(root)))
        return false;
    for (auto item : root) {
        od::field field;
        std::string_view key;
        if (!check(std::move(item).get(field)) || !name(field, key))
            return false;
        od::value value = field.value();
        if (key == "timestamp"sv) {
            if (!text("timestamp", value, m_out.snapshotTime))
                return false;
            m_haveTimestamp = true;
        } else if (key == "data"sv) {
            od::json_type t = od::json_type::null;
            if (!type(value, t))
                return false;
            if (t == od::json_type::array)
                return reject(QStringLiteral("`data` is a list: an events list, not an event's odds"));
            if (t != od::json_type::object)
                return reject(QStringLiteral("`data` is not an object"));
            if (!event(value))
                return false;
            m_haveData = true;
        } else if (!validate(value)) {
            return false;
        }
    }
    if (!m_reason.isEmpty())
        return false;
    // After the root object, simdjson has a location only when some token is left.
    const char* trailing = nullptr;
    if (m_doc.current_location().get(trailing) == simdjson::SUCCESS)
        return reject(QStringLiteral("unexpected content after the JSON object"));
    if (!m_haveData)
        return reject(QStringLiteral("no `data` object: not an event-odds response"));
    if (!m_haveTimestamp)
        return reject(QStringLiteral("no top-level `timestamp`"));
    if (!parseUtcMs(m_out.snapshotTime))
        return reject(
            QStringLiteral("`timestamp` '%1' is not an ISO 8601 time").arg(QString::fromStdString(m_out.snapshotTime)));
    if (!m_haveId || m_out.eventId.empty())
        return reject(QStringLiteral("the event has no `id`"));
    if (!m_haveCommence)
        return reject(QStringLiteral("the event has no `commence_time`"));
    const auto commence = parseUtcMs(m_out.commenceTime);
    if (!commence)
        return reject(QStringLiteral("`commence_time` '%1' is not an ISO 8601 time")
                          .arg(QString::fromStdString(m_out.commenceTime)));
    const auto gameDate = newYorkDate(*commence);
    if (!gameDate)
        return reject(QStringLiteral("the time zone America/New_York is not available on this system"));
    m_out.gameDate = *gameDate;
    return true;
}

bool Reader::event(od::value value)
{
    return members(value, [this](std::string_view key, od::value member) {
        if (key == "id"sv) {
            m_haveId = true;
            return text("id", member, m_out.eventId);
        }
        if (key == "sport_key"sv)
            return text("sport_key", member, m_out.sport);
        if (key == "commence_time"sv) {
            m_haveCommence = true;
            return text("commence_time", member, m_out.commenceTime);
        }
        if (key == "home_team"sv)
            return optionalText("home_team", member, m_out.homeTeam);
        if (key == "away_team"sv)
            return optionalText("away_team", member, m_out.awayTeam);
        if (key == "bookmakers"sv)
            return list(member, [this](od::value book) { return bookmaker(book); });
        return validate(member);
    });
}

bool Reader::bookmaker(od::value value)
{
    // Members come in any order: the key may follow the markets, so rows made here get
    // their bookmaker (and fallback last_update) when the object ends.
    const std::size_t start = m_out.lines.size();
    Keyed book;
    if (!keyedObject(
            "bookmaker", value, "markets"sv, [this](od::value m) { return market(m); }, book))
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

bool Reader::market(od::value value)
{
    const std::size_t start = m_out.lines.size();
    Keyed market;
    if (!keyedObject(
            "market", value, "outcomes"sv, [this, start](od::value o) { return outcome(o, start); }, market))
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

bool Reader::outcome(od::value value, std::size_t marketStart)
{
    od::json_type t = od::json_type::null;
    if (!type(value, t))
        return false;
    if (t != od::json_type::object)
        return reject(QStringLiteral("an outcome is not an object"));
    // Views into the parser's string buffer, valid for this file.
    std::string_view side, description;
    double price = 0;
    double point = 0;
    bool havePrice = false, havePoint = false, haveDescription = false;
    // A member that may be null: `read` runs when it is not, and `have` says which it was.
    auto unlessNull = [this](od::value member, bool& have, auto read) {
        bool null = false;
        if (!check(member.is_null().get(null)))
            return false;
        have = !null;
        return null || read(member);
    };
    const bool ok = members(value, [&](std::string_view name, od::value member) {
        if (name == "name"sv)
            return text("name", member, side);
        if (name == "description"sv)
            return unlessNull(
                member, haveDescription, [&](od::value v) { return text("description", v, description); });
        if (name == "price"sv)
            return unlessNull(member, havePrice, [&](od::value v) { return number("price", v, price); });
        if (name == "point"sv)
            return unlessNull(member, havePoint, [&](od::value v) { return number("point", v, point); });
        return validate(member);
    });
    if (!ok)
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
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: each thread copies the
    // file into a padded buffer of its own, and keeps one parser (not thread-safe) with it.
    thread_local std::vector<char> padded;
    thread_local od::parser parser;
    const std::size_t size = std::size_t(bytes.size());
    if (padded.capacity() > (16u << 20)) { // not kept for the thread's life after an outsized file
        std::vector<char>().swap(padded);
        parser = od::parser();
    }
    padded.resize(size + simdjson::SIMDJSON_PADDING);
    std::copy(bytes.begin(), bytes.end(), padded.begin());
    od::document doc;
    const simdjson::error_code iterated
        = parser.iterate(simdjson::padded_string_view(padded.data(), size, padded.size())).get(doc);
    Reader reader(doc, padded.data(), size, out);
    const bool read = reader.document(iterated);
    if (!read)
        error = reader.error();
    if (!read || !convertPrices(out, m_format, error)) {
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
