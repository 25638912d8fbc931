#include "RaceDbReader.h"

#include "storage/SqliteHandle.h"
#include "util/Dates.h"
#include "util/Numbers.h"

#include <QFileInfo>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace bfs {

namespace {

struct TableSpec {
    const char* table;
    std::vector<const char*> columns;
};

const std::vector<TableSpec>& requiredLayout()
{
    static const std::vector<TableSpec> layout {
        { "races", { "race_id", "date", "course_id", "distance_f", "going", "is_abandoned" } },
        { "runners", { "race_id", "horse_id", "jockey_id", "trainer_id", "draw", "lbs", "ofr" } },
        { "results", { "race_id", "horse_id", "position_int" } },
    };
    return layout;
}

std::string_view columnText(sqlite3_stmt* statement, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    if (!text)
        return {};
    return { text, size_t(sqlite3_column_bytes(statement, column)) };
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// INTEGER and REAL as they are; TEXT when the whole (trimmed) text is a finite number;
// anything else (junk text, blobs, NULL) is NULL.
double columnNumber(sqlite3_stmt* statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return double(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT: {
        const double value = sqlite3_column_double(statement, column);
        return std::isfinite(value) ? value : NullNumber;
    }
    case SQLITE_TEXT: {
        std::string_view text = trimmed(columnText(statement, column));
        if (!text.empty() && text.front() == '+')
            text.remove_prefix(1);
        double value = 0;
        return parseFiniteDouble(text, value) ? value : NullNumber;
    }
    default:
        return NullNumber;
    }
}

// An identifier as text; NULL or blank is "no key".
std::string_view columnKey(sqlite3_stmt* statement, int column)
{
    if (sqlite3_column_type(statement, column) == SQLITE_NULL)
        return {};
    return trimmed(columnText(statement, column));
}

// Identifier text → dense id. Open addressing over a power-of-two table of ids, with
// each id's hash kept beside its name: one probe usually touches two cache lines, where
// a node-based std::unordered_map chases a pointer per lookup. The reader interns every
// race, horse, jockey and trainer id of ~900k rows, so this is the read stage's hot loop.
class Interner {
public:
    int intern(std::string_view key)
    {
        if (key.empty())
            return NullId;
        if ((m_names.size() + 1) * 2 > m_slots.size())
            grow();
        const uint64_t h = hash(key);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const uint32_t slot = m_slots[i];
            if (slot == 0) {
                const int id = int(m_names.size());
                m_slots[i] = uint32_t(id) + 1;
                m_names.emplace_back(key);
                m_hashes.push_back(h);
                return id;
            }
            if (m_hashes[slot - 1] == h && m_names[slot - 1] == key)
                return int(slot - 1);
        }
    }
    int find(std::string_view key) const
    {
        if (key.empty() || m_slots.empty())
            return NullId;
        const uint64_t h = hash(key);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const uint32_t slot = m_slots[i];
            if (slot == 0)
                return NullId;
            if (m_hashes[slot - 1] == h && m_names[slot - 1] == key)
                return int(slot - 1);
        }
    }
    int size() const { return int(m_names.size()); }
    const std::vector<std::string>& names() const { return m_names; }
    std::vector<std::string> takeNames() { return std::move(m_names); }
    void reserve(size_t n)
    {
        m_names.reserve(n);
        m_hashes.reserve(n);
        size_t capacity = 16;
        while (capacity < n * 2)
            capacity *= 2;
        rehash(capacity);
    }

private:
    static uint64_t hash(std::string_view key)
    {
        uint64_t h = 1469598103934665603ULL; // FNV-1a, then a final mix for the low bits
        for (const unsigned char c : key)
            h = (h ^ c) * 1099511628211ULL;
        return h ^ (h >> 29);
    }
    void grow() { rehash(std::max<size_t>(16, m_slots.size() * 2)); }
    void rehash(size_t capacity)
    {
        if (capacity <= m_slots.size())
            return;
        m_slots.assign(capacity, 0);
        m_mask = capacity - 1;
        for (size_t id = 0; id < m_names.size(); ++id) {
            size_t i = m_hashes[id] & m_mask;
            while (m_slots[i] != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = uint32_t(id) + 1;
        }
    }

    std::vector<uint32_t> m_slots; // id + 1; 0 = empty
    size_t m_mask = 0;
    std::vector<std::string> m_names;
    std::vector<uint64_t> m_hashes;
};

// Rows of one race are usually stored together: remember the last race looked up.
class RaceLookup {
public:
    explicit RaceLookup(const Interner& ids)
        : m_ids(ids)
    {
    }
    int find(std::string_view raceId)
    {
        if (raceId != m_lastId) {
            m_lastId.assign(raceId);
            m_last = m_ids.find(raceId);
        }
        return m_last;
    }

private:
    const Interner& m_ids;
    std::string m_lastId;
    int m_last = NullId;
};

uint64_t entryKey(int race, int horse)
{
    return (uint64_t(uint32_t(race)) << 32) | uint32_t(horse);
}

struct RaceRow {
    std::string raceId;
    std::string date;
    int day = -1;
    int course = NullId;
    int going = NullId;
    double distance = NullNumber;
    bool abandoned = false;
};

struct RunnerRow {
    int jockey = NullId;
    int trainer = NullId;
    double draw = NullNumber, lbs = NullNumber, ofr = NullNumber;
};

struct ResultRow {
    int race; // index into RacesTable::rows
    int horse; // id in the results table's own horse interner
    int position;
};

// Runs `sql` on a fresh read-only connection, calling `row` for each result row.
template <typename RowFn> QString scan(const QString& path, const char* sql, RowFn&& row)
{
    QString error;
    SqliteHandle db = SqliteHandle::open(path, SqliteHandle::Mode::ReadOnly, error);
    if (!db)
        return error;
    SqliteStatement statement(db.get(), sql);
    if (!statement)
        return QStringLiteral("cannot read %1: %2").arg(path, db.lastError());
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
        row(statement.get());
    if (rc != SQLITE_DONE)
        return QStringLiteral("reading %1 failed: %2").arg(path, db.lastError());
    return {};
}

struct RacesTable {
    std::vector<RaceRow> rows;
    Interner ids; // race_id → index into rows
    QString error;
};

// Runner and result rows key races by index into RacesTable and horses by an id of
// their own table's interner; the two horse interners are reconciled once per horse,
// not once per row.
struct RunnersTable {
    // Sorted by entryKey(race, runner-table horse) once read: a flat array is several
    // times faster to build and probe than a node-based hash map of 440k entries.
    std::vector<std::pair<uint64_t, RunnerRow>> byEntry;

    const RunnerRow* find(uint64_t key) const
    {
        const auto it = std::lower_bound(byEntry.begin(), byEntry.end(), key,
            [](const std::pair<uint64_t, RunnerRow>& entry, uint64_t k) { return entry.first < k; });
        return it != byEntry.end() && it->first == key ? &it->second : nullptr;
    }
    Interner horses;
    int jockeys = 0, trainers = 0;
    int64_t orphans = 0;
    QString error;
};

struct ResultsTable {
    std::vector<ResultRow> rows;
    Interner horses;
    int64_t orphans = 0;
    QString error;
};

RacesTable readRaces(const QString& path)
{
    RacesTable table;
    Interner courses, goings;
    table.error = scan(
        path, "SELECT race_id, date, course_id, distance_f, going, is_abandoned FROM races", [&](sqlite3_stmt* s) {
            const std::string_view raceId = columnKey(s, 0);
            if (raceId.empty() || table.ids.find(raceId) != NullId)
                return; // a duplicate race_id keeps its first row
            RaceRow race;
            race.raceId = std::string(raceId);
            const std::string_view date = trimmed(columnText(s, 1));
            race.day = isoDayNumber(date.data(), int(date.size()));
            race.date = std::string(date);
            race.course = courses.intern(columnKey(s, 2));
            race.distance = columnNumber(s, 3);
            std::string going(columnKey(s, 4));
            std::transform(
                going.begin(), going.end(), going.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            race.going = goings.intern(going);
            race.abandoned = columnNumber(s, 5) == 1.0;
            table.ids.intern(race.raceId);
            table.rows.push_back(std::move(race));
        });
    return table;
}

RunnersTable readRunners(const QString& path, const RacesTable& races)
{
    RunnersTable table;
    Interner jockeys, trainers;
    table.byEntry.reserve(1 << 19);
    table.horses.reserve(1 << 17);
    RaceLookup raceOf(races.ids);
    table.error = scan(
        path, "SELECT race_id, horse_id, jockey_id, trainer_id, draw, lbs, ofr FROM runners", [&](sqlite3_stmt* s) {
            const int race = raceOf.find(columnKey(s, 0));
            const std::string_view horseId = columnKey(s, 1);
            if (race == NullId || horseId.empty()) {
                ++table.orphans;
                return;
            }
            RunnerRow runner;
            runner.jockey = jockeys.intern(columnKey(s, 2));
            runner.trainer = trainers.intern(columnKey(s, 3));
            runner.draw = columnNumber(s, 4);
            runner.lbs = columnNumber(s, 5);
            runner.ofr = columnNumber(s, 6);
            table.byEntry.emplace_back(entryKey(race, table.horses.intern(horseId)), runner);
        });
    // A (race, horse) listed twice keeps its last row, as a map assignment would.
    std::stable_sort(
        table.byEntry.begin(), table.byEntry.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto last = std::unique(
        table.byEntry.rbegin(), table.byEntry.rend(), [](const auto& a, const auto& b) { return a.first == b.first; });
    table.byEntry.erase(table.byEntry.begin(), last.base());
    table.jockeys = jockeys.size();
    table.trainers = trainers.size();
    return table;
}

ResultsTable readResults(const QString& path, const RacesTable& races)
{
    ResultsTable table;
    table.rows.reserve(1 << 20);
    table.horses.reserve(1 << 17);
    RaceLookup raceOf(races.ids);
    table.error = scan(path, "SELECT race_id, horse_id, position_int FROM results", [&](sqlite3_stmt* s) {
        const int race = raceOf.find(columnKey(s, 0));
        const std::string_view horseId = columnKey(s, 1);
        if (race == NullId || horseId.empty()) {
            ++table.orphans;
            return;
        }
        const double position = columnNumber(s, 2);
        const bool integral = !isNull(position) && position == std::floor(position) && std::abs(position) < 1e9;
        table.rows.push_back({ race, table.horses.intern(horseId), integral ? int(position) : NullPosition });
    });
    return table;
}

} // namespace

QString RaceDbReader::validate(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("race database not found: %1").arg(path);
    if (!info.isFile())
        return QStringLiteral("race database %1 is not a file").arg(path);
    QString error;
    SqliteHandle db = SqliteHandle::open(path, SqliteHandle::Mode::ReadOnly, error);
    if (!db)
        return error;
    for (const auto& spec : requiredLayout()) {
        const std::string sql = std::string("PRAGMA table_info(") + spec.table + ")";
        SqliteStatement statement(db.get(), sql.c_str());
        if (!statement) {
            const int code = sqlite3_errcode(db.get());
            if (code == SQLITE_NOTADB)
                return QStringLiteral("%1 is not a SQLite database").arg(path);
            return QStringLiteral("cannot read %1: %2").arg(path, db.lastError());
        }
        std::vector<std::string> columns;
        int rc;
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
            columns.emplace_back(columnText(statement.get(), 1));
        if (rc != SQLITE_DONE)
            return sqlite3_errcode(db.get()) == SQLITE_NOTADB
                ? QStringLiteral("%1 is not a SQLite database").arg(path)
                : QStringLiteral("cannot read %1: %2").arg(path, db.lastError());
        if (columns.empty())
            return QStringLiteral("table '%1' is missing from %2").arg(QLatin1String(spec.table), path);
        for (const char* column : spec.columns) {
            const bool found = std::any_of(columns.begin(), columns.end(), [column](const std::string& name) {
                return QString::fromStdString(name).compare(QLatin1String(column), Qt::CaseInsensitive) == 0;
            });
            if (!found)
                return QStringLiteral("table '%1' has no column '%2' (in %3)")
                    .arg(QLatin1String(spec.table), QLatin1String(column), path);
        }
    }
    return {};
}

bool RaceDbReader::read(const QString& path, qint64 limit, RaceData& data, QString& error)
{
    RacesTable races = readRaces(path);
    if (!races.error.isEmpty()) {
        error = races.error;
        return false;
    }
    // runners and results are independent: read them at once on two connections.
    QFuture<RunnersTable> runnersFuture = QtConcurrent::run([&path, &races] { return readRunners(path, races); });
    ResultsTable results = readResults(path, races);
    RunnersTable runners = runnersFuture.takeResult(); // a move: result() would copy the map
    for (const QString* e : { &runners.error, &results.error }) {
        if (!e->isEmpty()) {
            error = *e;
            return false;
        }
    }
    data.orphanResults = results.orphans;

    // Group results rows by race (counting sort: rows keep their table order).
    const size_t raceCount = races.rows.size();
    std::vector<uint32_t> firstRow(raceCount + 1, 0);
    for (const auto& row : results.rows)
        ++firstRow[size_t(row.race) + 1];
    for (size_t r = 0; r < raceCount; ++r)
        firstRow[r + 1] += firstRow[r];
    std::vector<uint32_t> order(results.rows.size());
    {
        std::vector<uint32_t> cursor(firstRow.begin(), firstRow.end() - 1);
        for (uint32_t i = 0; i < results.rows.size(); ++i)
            order[cursor[size_t(results.rows[i].race)]++] = i;
    }

    std::vector<int> eligible;
    eligible.reserve(raceCount);
    for (int r = 0; r < int(raceCount); ++r) {
        const RaceRow& race = races.rows[size_t(r)];
        if (race.abandoned)
            ++data.abandonedRaces;
        else if (race.day < 0) {
            if (data.racesWithBadDate++ == 0) {
                data.firstBadDateRace = race.raceId;
                data.firstBadDate = race.date;
            }
        } else if (firstRow[size_t(r)] == firstRow[size_t(r) + 1])
            ++data.racesWithoutResults;
        else
            eligible.push_back(r);
    }
    std::sort(eligible.begin(), eligible.end(), [&races](int a, int b) {
        const RaceRow& x = races.rows[size_t(a)];
        const RaceRow& y = races.rows[size_t(b)];
        return x.day != y.day ? x.day < y.day : x.raceId < y.raceId;
    });
    if (limit > 0 && qint64(eligible.size()) > limit)
        eligible.resize(size_t(limit));

    // The results table's horse ids are the output ids; map the runners table's ids
    // onto them once per horse.
    std::vector<int> runnerHorseOf(size_t(results.horses.size()), NullId);
    for (int h = 0; h < runners.horses.size(); ++h) {
        const int id = results.horses.find(runners.horses.names()[size_t(h)]);
        if (id != NullId)
            runnerHorseOf[size_t(id)] = h;
    }

    data.races.reserve(eligible.size());
    data.entries.reserve(results.rows.size());
    std::vector<int> seenInRace;
    for (const int r : eligible) {
        const RaceRow& row = races.rows[size_t(r)];
        Race race;
        race.raceId = row.raceId;
        race.date = row.date;
        race.day = row.day;
        race.course = row.course;
        race.going = row.going;
        race.distance = row.distance;
        race.firstEntry = uint32_t(data.entries.size());
        seenInRace.clear();
        for (uint32_t k = firstRow[size_t(r)]; k < firstRow[size_t(r) + 1]; ++k) {
            const ResultRow& result = results.rows[order[k]];
            // A horse listed twice in one race's results keeps its first row: the
            // output is keyed by (race_id, horse_id).
            if (std::find(seenInRace.begin(), seenInRace.end(), result.horse) != seenInRace.end())
                continue;
            seenInRace.push_back(result.horse);
            Entry entry;
            entry.horse = result.horse;
            entry.position = result.position;
            const int runnerHorse = runnerHorseOf[size_t(result.horse)];
            const RunnerRow* runner = runnerHorse == NullId ? nullptr : runners.find(entryKey(r, runnerHorse));
            if (runner) {
                entry.jockey = runner->jockey;
                entry.trainer = runner->trainer;
                entry.draw = runner->draw;
                entry.lbs = runner->lbs;
                entry.ofr = runner->ofr;
            } else {
                ++data.missingRunnerRows;
            }
            data.entries.push_back(entry);
        }
        race.entryCount = uint32_t(data.entries.size()) - race.firstEntry;
        data.races.push_back(std::move(race));
    }
    data.horseIds = results.horses.takeNames();
    data.jockeyCount = runners.jockeys;
    data.trainerCount = runners.trainers;
    return true;
}

} // namespace bfs
