#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

namespace bfs {

// Phase 5 numbers for one set of graded bets (overall, a split, a sweep step):
// hit rate, Wilson 95 % interval, one-tailed z-test against the −110 break-even,
// ROI at −110 and at the market's prices. Pushes are counted but excluded from n.
class HitRateStats {
public:
    static constexpr double Breakeven = 110.0 / 210.0;
    static constexpr double WilsonZ = 1.959964;
    // The one-sided 95 % bound: Wilson's lower bound at this z is above break-even exactly when the
    // one-tailed z-test is significant (both invert the same score test), so it is the bound to show
    // beside "significant" — the two-sided 95 % interval can contain break-even while the test passes.
    static constexpr double OneSidedZ = 1.644854;
    static constexpr double SignificanceLevel = 0.05;

    // A win paid at `decimalPrice` (−110 = 1.909…) for the market ROI.
    void addWin(double decimalPrice);
    void addLoss();
    void addPush();

    int wins() const { return m_wins; }
    int losses() const { return m_losses; }
    int pushes() const { return m_pushes; }
    int n() const { return m_wins + m_losses; }

    // All nullopt when n = 0.
    std::optional<double> hitRate() const;
    std::optional<double> wilsonLow() const;
    std::optional<double> wilsonHigh() const;
    std::optional<double> oneSidedLow() const; // Wilson lower bound at OneSidedZ
    std::optional<double> z() const;
    std::optional<double> pValue() const;
    std::optional<double> roi110() const;
    std::optional<double> roiMarket() const;
    bool significant() const; // p_value < 0.05

    // The formulas, for the tests and anyone needing them outside a bet list.
    static std::pair<double, double> wilsonInterval(int wins, int n, double z = WilsonZ);
    static double zScore(int wins, int n);
    static double upperTail(double z); // 1 − Φ(z)

    // {"n", "wins", "losses", "pushes", "hit_rate", "wilson_low", "wilson_high", "z",
    //  "p_value", "significant", "roi_110", "roi_market"}; undefined rates are null.
    nlohmann::json toJson() const;

private:
    int m_wins = 0;
    int m_losses = 0;
    int m_pushes = 0;
    double m_marketProfit = 0;
};

} // namespace bfs
