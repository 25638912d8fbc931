#pragma once

#include "evaluation/EvaluationReport.h"
#include "evaluation/MatchedLine.h"
#include "evaluation/Prediction.h"

#include <QString>

#include <optional>
#include <vector>

namespace bfs {

class DbConnection;
class Workspace;

// Phases 3–5 over a workspace. load() reads the prediction set and, in ONE query, the
// betting lines of those dates and players, and matches each prediction (phase 3);
// evaluate() grades and computes the statistics at a min_edge (phases 4–5). The
// split lets the Evaluate screen load once and re-evaluate cheaply, off the GUI
// thread, whenever the min-edge control changes.
class Evaluator {
public:
    struct Input {
        static constexpr int NoLine = -1;

        std::vector<Prediction> predictions;
        // One matched line per (date, player) that has one: predictions of the same pitcher on
        // the same day (a file may repeat them many times) share it instead of each holding a copy.
        std::vector<MatchedLine> lines;
        std::vector<int> lineIndex; // parallel to predictions: into `lines`, or NoLine

        // The line of predictions[prediction], or nullptr when it has none.
        const MatchedLine* line(std::size_t prediction) const
        {
            const int index = lineIndex[prediction];
            return index == NoLine ? nullptr : &lines[std::size_t(index)];
        }
    };

    static constexpr double SweepStep = 0.25;
    static constexpr double SweepMax = 3.0;

    static std::optional<Input> load(const DbConnection& connection, QString& error);
    // Phase 3 on rows already in memory (rows of every date/player needed).
    static Input match(
        std::vector<Prediction> predictions, const std::vector<std::pair<QString, BettingLineRow>>& keyedRows);
    static EvaluationReport evaluate(const Input& input, double minEdge);

    // Records `report` as an "evaluate" run in the workspace's history ({min_edge, predictions}:
    // the file imported for it, or null). The one way both shells record an evaluation; when to
    // is theirs (the CLI: every evaluate; the screen: an import, not a min-edge change).
    static bool recordRun(
        const Workspace& workspace, const EvaluationReport& report, const QString& importedFrom, QString& error);

    // The key rows are grouped by: game_date + '|' + player_lookup.
    static QString matchKey(const QString& gameDate, const QString& playerLookup);
};

} // namespace bfs
