#pragma once

#include "evaluation/MatchedLine.h"

#include <optional>
#include <vector>

namespace bfs {

// Phase 3 for one prediction: from the `pitcher_strikeouts` rows of its date and
// player, keep each bookmaker's latest snapshot, then its main point (smallest
// |over − under| implied probability, a missing side farthest, ties → lower point),
// and take the most common point across bookmakers (ties → lower) as the consensus.
class LineMatcher {
public:
    static std::optional<MatchedLine> match(const std::vector<BettingLineRow>& rows);
};

} // namespace bfs
