// What SQLite alone can do on this machine with betting_lines' schema: the same number of
// rows as a simulated season, bound from memory through one prepared statement in one
// transaction, no parsing at all. The loader's rows/s can approach this, not exceed it.
//   g++ -O2 -std=c++17 bench/sqlite_insert_ceiling.cpp -lsqlite3 -o /tmp/ceiling && /tmp/ceiling /tmp/ceiling.sqlite
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DB [schema.sql (default resources/sql/010_betting_lines.sql)]\n", argv[0]);
        return 2;
    }
    const char* path = argv[1];
    std::ifstream schemaFile(argc > 2 ? argv[2] : "resources/sql/010_betting_lines.sql");
    std::stringstream schema;
    schema << schemaFile.rdbuf();
    if (schema.str().empty()) {
        std::fprintf(stderr, "cannot read the schema file\n");
        return 2;
    }
    std::remove(path);
    sqlite3* db = nullptr;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    // The loader's settings (LineWriter::open).
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;", nullptr, nullptr,
        nullptr);
    char* error = nullptr;
    if (sqlite3_exec(db, schema.str().c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "schema: %s\n", error);
        return 1;
    }
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
        "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, home_team, away_team, "
        "bookmaker, "
        "player_name, player_lookup, point, over_price, under_price, over_implied_prob, under_implied_prob, "
        "last_update, "
        "snapshot_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        -1, &insert, nullptr);
    std::mt19937_64 rng(1);
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    long rows = 0;
    char eventId[40];
    for (int game = 0; game < 2400; ++game) {
        std::snprintf(eventId, sizeof eventId, "%016llx%016llx", (unsigned long long)rng(), (unsigned long long)rng());
        for (int book = 0; book < 8; ++book) {
            for (int pitcher = 0; pitcher < 2; ++pitcher) {
                for (int point = 0; point < 3; ++point) {
                    const std::string bookmaker = "bookmaker" + std::to_string(book);
                    const std::string name = "Pitcher Number " + std::to_string((game * 2 + pitcher) % 300);
                    const std::string lookup = "pitchernumber" + std::to_string((game * 2 + pitcher) % 300);
                    auto text = [&](int i, const char* s) { sqlite3_bind_text(insert, i, s, -1, SQLITE_STATIC); };
                    text(1, "baseball_mlb");
                    text(2, "pitcher_strikeouts");
                    text(3, "2024-05-03");
                    text(4, eventId);
                    text(5, "2024-05-03T23:05:00Z");
                    text(6, "New York Yankees");
                    text(7, "Boston Red Sox");
                    text(8, bookmaker.c_str());
                    text(9, name.c_str());
                    text(10, lookup.c_str());
                    sqlite3_bind_double(insert, 11, 4.5 + point);
                    sqlite3_bind_int(insert, 12, -115);
                    sqlite3_bind_int(insert, 13, -105);
                    sqlite3_bind_double(insert, 14, 115.0 / 215.0);
                    sqlite3_bind_double(insert, 15, 105.0 / 205.0);
                    text(16, "2024-05-03T22:01:00Z");
                    text(17, "2024-05-03T22:05:00Z");
                    sqlite3_step(insert);
                    sqlite3_reset(insert);
                    ++rows;
                }
            }
        }
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    std::printf("%ld rows in %.3f s wall (%.3f s CPU): %.0f rows/s wall, %.0f rows/s per CPU second\n", rows, wall, cpu,
        rows / wall, rows / cpu);
    return 0;
}
