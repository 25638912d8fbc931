#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bfs {

// One betting_lines row before it is stored: the Over and Under of one (bookmaker,
// market, player, point) merged. Text is UTF-8 so the writer binds it without copies.
struct BettingLine {
    std::string market;
    std::string bookmaker;
    std::string playerName; // outcome description as given
    std::string playerLookup; // normalizePlayerName(playerName)
    double point = 0;
    std::optional<double> overQuote, underQuote; // prices as written in the file
    std::optional<int> overPrice, underPrice; // American
    std::optional<double> overImpliedProb, underImpliedProb;
    std::optional<std::string> lastUpdate; // market last_update
};

// One parsed event-odds response (odds-api.md endpoint 2): the event's fields shared
// by all its rows, and the rows.
struct OddsSnapshot {
    std::string sport;
    std::string eventId;
    std::string commenceTime;
    std::string gameDate; // YYYY-MM-DD of commence_time in America/New_York
    std::optional<std::string> homeTeam, awayTeam;
    std::string snapshotTime; // the response's top-level timestamp
    bool decimalPrices = false; // the file's prices were decimal and were converted
    std::vector<BettingLine> lines;
};

} // namespace bfs
