#pragma once

#include "evaluation/Grader.h"

#include <QString>

#include <optional>
#include <vector>

namespace bfs {

// One `betting_lines` row as the matcher needs it (010_betting_lines.sql).
struct BettingLineRow {
    QString bookmaker;
    double point = 0;
    std::optional<int> overPrice, underPrice; // American odds
    std::optional<double> overProb, underProb; // implied probabilities
    QString snapshotTime; // ISO 8601 UTC, so text order is time order
};

// A bookmaker's main line after phase 3's selection (latest snapshot, main point).
struct BookmakerLine {
    QString bookmaker;
    double point = 0;
    std::optional<int> overPrice, underPrice;
};

// A prediction's matched line: the consensus point and the bookmakers behind it.
struct MatchedLine {
    double consensus = 0;
    std::vector<BookmakerLine> books; // sorted by bookmaker

    // Mean decimal price of `side` over the bookmakers quoting the consensus point;
    // nullopt when none of them quotes that side.
    std::optional<double> consensusDecimalPrice(Recommendation side) const;
    // The market's no-vig probability of Over at the consensus point: the mean, over the
    // bookmakers quoting it with both prices, of io / (io + iu); nullopt when none does.
    std::optional<double> noVigOverProbability() const;
};

// American → decimal odds: +150 → 2.5, −110 → 1.909…
double americanToDecimal(int american);
// American → implied probability: +150 → 0.4, −110 → 0.5238…
double americanToProbability(int american);

} // namespace bfs
