#include "SampleRaceDb.h"

#include "storage/SqliteHandle.h"
#include "util/Dates.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace bfs {

namespace {

// xoshiro256** seeded by splitmix64: identical sequences on every platform.
class Random {
public:
    explicit Random(quint64 seed)
    {
        for (auto& word : m_state) {
            seed += 0x9E3779B97F4A7C15ULL;
            quint64 z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }
    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    int below(int n) { return int(next() % quint64(n)); } // bias irrelevant for test data
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<quint64, 4> m_state {};
};

constexpr int Courses = 60;
constexpr int Jockeys = 650;
constexpr int Trainers = 900;
constexpr int RacesPerDay = 28;
const char* const Goings[] = { "Good", "good", "Good To Firm", "Good To Soft", "Soft", "Heavy", "Firm", "Standard",
    "Standard To Slow", "GOOD" };
const double Distances[] = { 5, 5.5, 6, 7, 7.5, 8, 9, 10, 10.5, 12, 14, 16, 20, 24 };

std::string format(const char* pattern, long long value)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

struct Horse {
    int jockey;
    int trainer;
    int rating;
    int retireAfterDay;
};

} // namespace

namespace {
bool writeRaces(const QString& temporary, const SampleRaceOptions& options, QString& error,
    const std::function<bool(int, int)>& progress)
{
    {
        SqliteHandle db = SqliteHandle::open(temporary, SqliteHandle::Mode::ReadWriteCreate, error);
        if (!db)
            return false;
        const char* schema = R"SQL(
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE races (race_id TEXT PRIMARY KEY, date TEXT, course_id TEXT, course TEXT, race_name TEXT,
                distance_f TEXT, going TEXT, race_class TEXT, is_abandoned INTEGER);
            CREATE TABLE runners (race_id TEXT, horse_id TEXT, horse TEXT, jockey_id TEXT, trainer_id TEXT,
                draw TEXT, lbs TEXT, ofr TEXT, age TEXT);
            CREATE TABLE results (race_id TEXT, horse_id TEXT, position TEXT, position_int, btn TEXT);
            CREATE TABLE courses (course_id TEXT PRIMARY KEY, name TEXT);
            BEGIN;
        )SQL";
        if (!db.exec(schema, error))
            return false;
        SqliteStatement race(db.get(), "INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?)");
        SqliteStatement runner(db.get(), "INSERT INTO runners VALUES (?,?,?,?,?,?,?,?,?)");
        SqliteStatement result(db.get(), "INSERT INTO results VALUES (?,?,?,?,?)");
        SqliteStatement course(db.get(), "INSERT INTO courses VALUES (?,?)");
        if (!race || !runner || !result || !course) {
            error = db.lastError();
            return false;
        }
        auto text = [](sqlite3_stmt* s, int i, const std::string& value) {
            sqlite3_bind_text(s, i, value.data(), int(value.size()), SQLITE_TRANSIENT);
        };
        auto step = [&db, &error](sqlite3_stmt* s) {
            const bool ok = sqlite3_step(s) == SQLITE_DONE;
            sqlite3_reset(s);
            if (!ok)
                error = db.lastError();
            return ok;
        };
        for (int c = 0; c < Courses; ++c) {
            text(course.get(), 1, format("crs_%lld", c));
            text(course.get(), 2, format("Course %lld", c));
            if (!step(course.get()))
                return false;
        }

        Random random(options.seed);
        std::vector<Horse> horses;
        const int startDay = isoDayNumber("2019-01-01", 10);
        std::vector<int> field;
        for (int r = 0; r < options.races; ++r) {
            const int day = startDay + r / RacesPerDay;
            // Keep a pool of active horses; retire old ones and add new ones.
            const int wanted = 6 + random.below(8) + (random.chance(0.33) ? 1 : 0); // ~9.8 runners, as the seed's data
            field.clear();
            while (int(field.size()) < wanted) {
                int h;
                if (horses.size() < 2000 || random.chance(0.12)) {
                    h = int(horses.size());
                    horses.push_back({ random.below(Jockeys), random.below(Trainers), 40 + random.below(80),
                        day + 200 + random.below(1100) });
                } else {
                    h = int(horses.size()) - 1 - random.below(std::min<int>(int(horses.size()), 40000));
                    if (horses[size_t(h)].retireAfterDay < day)
                        continue;
                }
                if (std::find(field.begin(), field.end(), h) == field.end())
                    field.push_back(h);
            }
            const std::string raceId = format("rac_%07lld", 1000000 + (r * 7919LL) % 9000000);
            const QDate date = QDate(1970, 1, 1).addDays(day);
            text(race.get(), 1, raceId);
            text(race.get(), 2, date.toString(Qt::ISODate).toStdString());
            const int courseIndex = random.below(Courses);
            if (random.chance(0.003))
                sqlite3_bind_null(race.get(), 3);
            else
                text(race.get(), 3, format("crs_%lld", courseIndex));
            text(race.get(), 4, format("Course %lld", courseIndex));
            text(race.get(), 5, format("Race %lld", r));
            const double distance = Distances[random.below(int(std::size(Distances)))];
            if (random.chance(0.005))
                text(race.get(), 6, "unknown");
            else {
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "%.1f", distance);
                text(race.get(), 6, buffer);
            }
            if (random.chance(0.01))
                sqlite3_bind_null(race.get(), 7);
            else
                text(race.get(), 7, Goings[random.below(int(std::size(Goings)))]);
            text(race.get(), 8, format("Class %lld", 1 + random.below(7)));
            const bool abandoned = random.chance(0.004);
            if (abandoned)
                sqlite3_bind_int(race.get(), 9, 1);
            else if (random.chance(0.5))
                sqlite3_bind_null(race.get(), 9);
            else
                sqlite3_bind_int(race.get(), 9, 0);
            if (!step(race.get()))
                return false;

            const bool noResults = !abandoned && random.chance(0.004);
            // Finishing order: rating plus noise.
            std::vector<std::pair<double, int>> order;
            for (const int h : field)
                order.emplace_back(-(horses[size_t(h)].rating + random.unit() * 40), h);
            std::sort(order.begin(), order.end());
            for (size_t place = 0; place < order.size(); ++place) {
                const int h = order[place].second;
                Horse& horse = horses[size_t(h)];
                if (random.chance(0.02))
                    horse.jockey = random.below(Jockeys); // jockey changes happen
                const std::string horseId = format("hrs_%lld", 100000 + h);
                if (!random.chance(0.01)) { // ~1% of results have no runners row
                    text(runner.get(), 1, raceId);
                    text(runner.get(), 2, horseId);
                    text(runner.get(), 3, format("Horse %lld", h));
                    if (random.chance(0.01))
                        sqlite3_bind_null(runner.get(), 4);
                    else
                        text(runner.get(), 4, format("jky_%lld", horse.jockey));
                    text(runner.get(), 5, format("trn_%lld", horse.trainer));
                    if (random.chance(0.05))
                        sqlite3_bind_null(runner.get(), 6);
                    else if (random.chance(0.01))
                        text(runner.get(), 6, "NR");
                    else
                        text(runner.get(), 6, format("%lld", 1 + random.below(int(field.size()))));
                    if (random.chance(0.02))
                        text(runner.get(), 7, "");
                    else
                        text(runner.get(), 7, format("%lld", 112 + random.below(40)));
                    if (random.chance(0.08))
                        text(runner.get(), 8, "-");
                    else
                        text(runner.get(), 8, format("%lld", horse.rating / 2 * 2)); // even ratings → ties
                    text(runner.get(), 9, format("%lld", 2 + random.below(8)));
                    if (!step(runner.get()))
                        return false;
                }
                if (noResults)
                    continue;
                text(result.get(), 1, raceId);
                text(result.get(), 2, horseId);
                long long position = (long long)place + 1;
                if (random.chance(0.04))
                    position = 900 + random.below(5); // fell, pulled up, unseated…
                const bool nullPosition = random.chance(0.005);
                text(result.get(), 3, nullPosition ? std::string("NR") : format("%lld", position));
                if (nullPosition)
                    sqlite3_bind_null(result.get(), 4);
                else if (random.chance(0.3))
                    text(result.get(), 4, format("%lld", position)); // a number stored as TEXT
                else
                    sqlite3_bind_int64(result.get(), 4, position);
                text(result.get(), 5, format("%lld", random.below(20)));
                if (!step(result.get()))
                    return false;
                horse.rating += random.below(5) - 2;
            }
            if (progress && r % 1000 == 999 && !progress(r + 1, options.races)) {
                error = QStringLiteral("cancelled");
                return false;
            }
        }
        if (!db.exec("COMMIT", error))
            return false;
    }
    return true;
}
} // namespace

bool writeSampleRaceDb(const QString& path, const SampleRaceOptions& options, QString& error,
    const std::function<bool(int, int)>& progress)
{
    if (options.races < 1) {
        error = QStringLiteral("--races must be ≥ 1, got %1").arg(options.races);
        return false;
    }
    const QFileInfo target(path);
    if (!QDir().mkpath(target.absolutePath())) {
        error = QStringLiteral("cannot create folder %1").arg(target.absolutePath());
        return false;
    }
    const QString temporary = path + QStringLiteral(".part");
    QFile::remove(temporary);
    if (!writeRaces(temporary, options, error, progress)) {
        QFile::remove(temporary);
        return false;
    }
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        error = QStringLiteral("cannot move the sample database into place at %1").arg(path);
        return false;
    }
    if (progress)
        progress(options.races, options.races);
    return true;
}

} // namespace bfs
