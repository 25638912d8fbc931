#pragma once

#include "evaluation/Decision.h"
#include "evaluation/EvaluationDepth.h"
#include "evaluation/Grader.h"
#include "evaluation/HitRateStats.h"

#include <QDate>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

class QIODevice;

namespace bfs {

// Everything phases 3–5 produce for one prediction set at one min_edge: the value the
// CLI prints, the Evaluate screen shows and the reports export. toJson() carries every
// key of `evaluate --json` (cli.md); rates are fractions.
struct EvaluationReport {
    struct Match {
        int lineNumber = 0;
        QDate gameDate;
        QString pitcherName;
        QString playerLookup;
        QString team;
        double predicted = 0;
        std::optional<int> actual;
        std::optional<double> line; // consensus point
        std::optional<double> edge;
        std::optional<Recommendation> recommendation; // given or derived; none without a line unless given
        BetResult result = BetResult::NoLine;
        int bookmakers = 0;
    };
    struct Group {
        QString key; // "OVER", "[0.5,1)", "2024-05", "draftkings"
        HitRateStats stats;
    };
    struct CumulativePoint {
        QDate date;
        int wins = 0; // cumulative up to and including `date`
        int losses = 0;
        double hitRate() const { return wins + losses ? double(wins) / (wins + losses) : 0.0; }
    };
    struct SweepPoint {
        double minEdge = 0;
        HitRateStats stats;
    };

    double minEdge = 0.5;
    int predictions = 0;
    int withLine = 0;
    int passes = 0;
    int noLine = 0;
    int ungraded = 0;
    HitRateStats overall;
    std::vector<Group> bySide; // OVER, UNDER
    std::vector<Group> byEdgeBucket; // the five buckets, in order
    std::vector<Group> byMonth; // ascending
    std::vector<Group> byBookmaker; // by name
    std::vector<CumulativePoint> cumulative; // one per date with a graded bet
    std::vector<SweepPoint> thresholdSweep; // 0, 0.25, …, 3
    std::vector<Match> matches; // one per prediction, file order
    // Depth (evaluation.md): accuracy over every prediction with an actual; the rest over the
    // bets that won or lost at minEdge.
    AccuracyStats accuracy;
    std::vector<PitcherResult> byPitcher; // n descending, then player_lookup
    Bankroll bankroll;
    MarketComparison market;

    static constexpr int RecommendedMinBets = 50;

    double coverage() const { return predictions ? double(withLine) / predictions : 0.0; }
    int bets() const { return overall.wins() + overall.losses() + overall.pushes(); }
    DecisionLabel decision() const { return Decision::decide(overall); }
    Readiness readiness() const { return Decision::readiness(coverage()); }
    // The Kelly stake at −110 for the overall hit rate p: max(0, (p·b − (1 − p)) / b), b = 100/110.
    std::optional<double> kellyFraction() const;
    // The threshold-sweep min edge with the highest ROI at −110 among rows with at least
    // RecommendedMinBets bets, ties → the lower; nullopt when no row has that many.
    std::optional<double> recommendedMinEdge() const;

    nlohmann::json toJson() const;
    // toJson() without the per-prediction lists ("matches", "cumulative"): what the run
    // history keeps of an evaluation.
    nlohmann::json summaryJson() const;
    // Writes exactly toJson().dump(2) to `device` without ever holding the whole document:
    // at a million predictions the tree and its text take gigabytes, while one match at a
    // time takes a few hundred bytes. Returns false when the device refuses a write.
    bool writeJson(QIODevice& device) const;
    // One element of "matches".
    static nlohmann::json matchJson(const Match& match);

    static const QStringList& edgeBucketLabels();
    static int edgeBucket(double absoluteEdge);
};

} // namespace bfs
