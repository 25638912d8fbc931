#pragma once

#include "evaluation/HitRateStats.h"

#include <QDate>
#include <QString>

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace bfs {

// The "Depth" numbers of evaluation.md — what the seed's analysis scripts told a user, and
// whether the model knows more than the market. Each type accumulates during
// Evaluator::evaluate's one pass over the predictions and renders its `evaluate --json` key.

// `accuracy`: error = predicted − actual over every prediction with an actual, whatever its result.
class AccuracyStats {
public:
    // One point of the predicted-vs-actual chart: the predictions whose actual was `actual`.
    struct ActualPoint {
        int actual = 0;
        int n = 0;
        double meanPredicted = 0;
    };

    void add(double predicted, int actual);

    int n() const { return m_n; }
    // All nullopt when n = 0.
    std::optional<double> mae() const;
    std::optional<double> rmse() const;
    std::optional<double> bias() const; // mean error: > 0 means the model predicts too many
    std::optional<double> within(int k) const; // fraction with |error| ≤ k, k = 1, 2, 3
    std::vector<ActualPoint> byActual() const; // ascending actual

    // {"n", "mae", "rmse", "bias", "within_1", "within_2", "within_3"}
    nlohmann::json toJson() const;

private:
    int m_n = 0;
    double m_sumError = 0, m_sumAbsolute = 0, m_sumSquared = 0;
    std::array<int, 3> m_within {};
    std::map<int, std::pair<int, double>> m_byActual; // actual → count, sum of predicted
};

// One element of `by_pitcher`: the won-or-lost bets of one player_lookup at the report's min edge.
struct PitcherResult {
    // The screen's reading of a pitcher with enough bets: its hit rate is clearly above break-even
    // ("bet") or below it ("avoid"), after assignVerdicts().
    enum class Verdict { None, Bet, Avoid };
    static constexpr int VerdictMinBets = 10;
    static constexpr double FalseDiscoveryRate = 0.05;

    QString playerLookup;
    QString pitcherName; // as first written in the file
    HitRateStats stats; // won-or-lost bets; pushes are not counted here
    int over = 0; // won-or-lost bets per side
    int under = 0;
    std::optional<double> bias; // mean error of its predictions with an actual

private:
    Verdict m_verdict = Verdict::None;

public:
    Verdict verdict() const { return m_verdict; }
    // Marks the pitchers with at least VerdictMinBets bets whose hit rate differs from break-even
    // beyond chance, as a set: each one's one-tailed z-test p-value (HitRateStats) in the direction
    // it deviates, then Benjamini–Hochberg at FalseDiscoveryRate over all of them. Tested one by
    // one at 5 %, 150 pitchers would show about 7 "bets" and 7 "avoids" from noise alone; this way
    // about 5 % of the marked ones are expected to be noise.
    static void assignVerdicts(std::vector<PitcherResult>& pitchers);
    // {"player_lookup", "pitcher_name", "n", "wins", "losses", "hit_rate", "roi_110", "over", "under", "bias"}
    nlohmann::json toJson() const;
};

// `bankroll`: one unit at −110 on each won-or-lost bet, in order of game_date, player_lookup, file order.
struct Bankroll {
    struct Bet {
        QDate gameDate;
        QString playerLookup;
        int fileIndex = 0;
        bool won = false;
    };

    double units = 0;
    double maxDrawdown = 0; // the largest fall from a running peak that starts at 0
    int longestWinningStreak = 0;
    int longestLosingStreak = 0;
    std::vector<double> path; // units after each bet, in bankroll order
    std::vector<QDate> dates; // the game date of each bet, parallel to `path`
    // The max drawdown's peak and trough as indices into `path`; the peak is −1 when it is the
    // start (0 units before the first bet). Both −1 when there is no drawdown.
    int drawdownPeak = -1;
    int drawdownTrough = -1;

    // Orders `bets` as the bankroll defines and walks them.
    static Bankroll of(std::vector<Bet> bets);
    // {"units", "max_drawdown", "longest_winning_streak", "longest_losing_streak"}
    nlohmann::json toJson() const;
};

// `market_comparison`: the model's Poisson probability of each won-or-lost bet against the
// market's no-vig probability of the same side, scored by Brier.
class MarketComparison {
public:
    static constexpr int CalibrationBins = 10;
    // Bets whose probability (model or market) fell in [i/10, (i+1)/10); 1.0 goes in the last bin.
    struct CalibrationBin {
        int n = 0;
        int wins = 0;
        double sumProbability = 0;
        std::optional<double> meanProbability() const;
        std::optional<double> winRate() const;
    };

    // P(K > line) / (1 − P(K = line)) for K ~ Poisson(lambda): the model's probability of Over,
    // with a push (only possible on a whole-number line) removed. 0 when lambda ≤ 0.
    static double poissonOver(double lambda, double line);

    // One bet: both probabilities are of the side bet on; `won` is its outcome.
    void add(double modelProbability, double marketProbability, bool won);

    int n() const { return m_n; }
    std::optional<double> brierModel() const;
    std::optional<double> brierMarket() const;
    bool beatsMarket() const; // brier_model < brier_market; false when n = 0
    const std::array<CalibrationBin, CalibrationBins>& modelCalibration() const { return m_model; }
    const std::array<CalibrationBin, CalibrationBins>& marketCalibration() const { return m_market; }

    // {"n", "brier_model", "brier_market", "beats_market"}
    nlohmann::json toJson() const;

private:
    int m_n = 0;
    double m_sumModel = 0, m_sumMarket = 0;
    std::array<CalibrationBin, CalibrationBins> m_model {}, m_market {};
};

} // namespace bfs
