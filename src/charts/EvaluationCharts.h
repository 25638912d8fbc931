#pragma once

#include "evaluation/EvaluationReport.h"

#include <QChart>
#include <QString>

#include <vector>

namespace bfs::charts {

// Builders for the hit-rate charts of an EvaluationReport, shared by the Evaluate screen
// and the exported reports. Each returns a new chart the caller owns (a QChartView
// takes it over). Rates are drawn in percent; the −110 break-even is a dashed line on
// every hit-rate chart so "above the line" reads at a glance.
class EvaluationCharts {
public:
    // Cumulative hit rate by date (series "Hit rate") against "Break-even".
    static QChart* cumulativeHitRate(const EvaluationReport& report);
    // Hit rate per group as bars (series "Hit rate"), each category labelled with its n,
    // with the break-even line. Groups without a graded bet draw a zero-height bar.
    static QChart* hitRateByGroup(const std::vector<EvaluationReport::Group>& groups, const QString& title);
    // Threshold sweep: "Hit rate" and "ROI −110" lines (percent, left axis) and "Bets"
    // bars (right axis) per min_edge, with the break-even line. The recommended min edge
    // (EvaluationReport::recommendedMinEdge) is a marker on the ROI line ("Recommended");
    // when no step has RecommendedMinBets bets the title says so instead.
    static QChart* thresholdSweep(const EvaluationReport& report);

    // Mean predicted strikeouts per actual value ("Mean predicted", thin points also in
    // "Fewer than 30 predictions") against the diagonal "Predicted = actual".
    static QChart* predictedVsActual(const AccuracyStats& accuracy);
    // Cumulative units over the bets in bankroll order ("Units": x = bets so far, from (0, 0)),
    // the max drawdown's stretch of the path drawn over it ("Max drawdown …") with its peak and
    // trough as "Peak and trough" points, and the zero line.
    static QChart* bankroll(const Bankroll& bankroll);
    // Observed win rate per probability bin against the bin's mean probability, for the model
    // ("Model") and the market ("Market"), percent; bins with fewer than ThinBets bets are also
    // in "Fewer than 30 bets" (hollow); the diagonal "Perfectly calibrated".
    static QChart* calibration(const MarketComparison& market);

    // A split or sweep step with fewer bets than this is drawn pale (bars) or dashed (lines) and
    // labelled "thin": a 100 % on 3 bets means nothing.
    static constexpr int ThinBets = 30;
    static QString categoryLabel(const QString& key, int n); // "[0.5, 1)\nn=42", "[2, ∞)\nn=3 · thin"
};

} // namespace bfs::charts
