#pragma once

#include "EvaluationReport.h"
#include "MatchedLine.h"
#include "Prediction.h"

#include <QString>

#include <optional>
#include <vector>

namespace bfs {

class DbConnection;

// Phases 3–5 over a workspace. load() reads the prediction set and, in ONE query, the
// betting lines of those dates and players, and matches each prediction (phase 3);
// evaluate() grades and computes the statistics at a min_edge (phases 4–5). The
// split lets the Evaluate screen load once and re-evaluate cheaply, off the GUI
// thread, whenever the min-edge control changes.
class Evaluator {
public:
    struct Input {
        std::vector<Prediction> predictions;
        std::vector<std::optional<MatchedLine>> lines; // parallel to predictions
    };

    static constexpr double SweepStep = 0.25;
    static constexpr double SweepMax = 3.0;

    static std::optional<Input> load(const DbConnection& connection, QString& error);
    // Phase 3 on rows already in memory (rows of every date/player needed).
    static Input match(
        std::vector<Prediction> predictions, const std::vector<std::pair<QString, BettingLineRow>>& keyedRows);
    static EvaluationReport evaluate(const Input& input, double minEdge);

    // The key rows are grouped by: game_date + '|' + player_lookup.
    static QString matchKey(const QString& gameDate, const QString& playerLookup);
};

} // namespace bfs
