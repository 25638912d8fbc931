#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfs {

// One betting_lines row before it is stored: the Over and Under of one (bookmaker,
// market, player, point) merged. Text is UTF-8, viewed in its snapshot's own storage:
// a file's few distinct bookmakers, markets and players are kept once, not per row.
struct BettingLine {
    std::string_view market;
    std::string_view bookmaker;
    std::string_view playerName; // outcome description as given
    std::string_view playerLookup; // normalizePlayerName(playerName)
    double point = 0;
    std::optional<double> overQuote, underQuote; // prices as written in the file
    std::optional<int> overPrice, underPrice; // American
    std::optional<double> overImpliedProb, underImpliedProb;
    std::optional<std::string_view> lastUpdate; // market last_update
};

// One parsed event-odds response (odds-api.md endpoint 2): the event's fields shared
// by all its rows, and the rows. Movable, not copyable: the rows view text it owns.
struct OddsSnapshot {
    OddsSnapshot() = default;
    OddsSnapshot(OddsSnapshot&&) = default;
    OddsSnapshot& operator=(OddsSnapshot&&) = default;
    OddsSnapshot(const OddsSnapshot&) = delete;
    OddsSnapshot& operator=(const OddsSnapshot&) = delete;

    std::string sport;
    std::string eventId;
    std::string commenceTime;
    std::string gameDate; // YYYY-MM-DD of commence_time in America/New_York
    std::optional<std::string> homeTeam, awayTeam;
    std::string snapshotTime; // the response's top-level timestamp
    bool decimalPrices = false; // the file's prices were decimal and were converted
    std::vector<BettingLine> lines;

    // A copy of `text` that lives as long as the snapshot (moves included: a deque's
    // elements stay where they are).
    std::string_view keep(std::string_view text) { return m_texts.emplace_back(text); }

private:
    std::deque<std::string> m_texts;
};

} // namespace bfs
