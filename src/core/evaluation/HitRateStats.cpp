#include "HitRateStats.h"

#include <cmath>

namespace bfs {

void HitRateStats::addWin(double decimalPrice)
{
    ++m_wins;
    m_marketProfit += decimalPrice - 1.0;
}

void HitRateStats::addLoss()
{
    ++m_losses;
    m_marketProfit -= 1.0;
}

void HitRateStats::addPush()
{
    ++m_pushes;
}

std::optional<double> HitRateStats::hitRate() const
{
    if (n() == 0)
        return std::nullopt;
    return double(m_wins) / n();
}

std::optional<double> HitRateStats::wilsonLow() const
{
    if (n() == 0)
        return std::nullopt;
    return wilsonInterval(m_wins, n()).first;
}

std::optional<double> HitRateStats::wilsonHigh() const
{
    if (n() == 0)
        return std::nullopt;
    return wilsonInterval(m_wins, n()).second;
}

std::optional<double> HitRateStats::oneSidedLow() const
{
    if (n() == 0)
        return std::nullopt;
    return wilsonInterval(m_wins, n(), OneSidedZ).first;
}

std::optional<double> HitRateStats::z() const
{
    if (n() == 0)
        return std::nullopt;
    return zScore(m_wins, n());
}

std::optional<double> HitRateStats::pValue() const
{
    if (n() == 0)
        return std::nullopt;
    return upperTail(zScore(m_wins, n()));
}

bool HitRateStats::significant() const
{
    const auto p = pValue();
    return p && *p < SignificanceLevel;
}

std::optional<double> HitRateStats::roi110() const
{
    if (n() == 0)
        return std::nullopt;
    return (m_wins * (100.0 / 110.0) - m_losses) / n();
}

std::optional<double> HitRateStats::roiMarket() const
{
    if (n() == 0)
        return std::nullopt;
    return m_marketProfit / n();
}

std::pair<double, double> HitRateStats::wilsonInterval(int wins, int n, double z)
{
    if (n <= 0)
        return { 0.0, 0.0 };
    const double p = double(wins) / n;
    const double z2 = z * z;
    const double centre = p + z2 / (2.0 * n);
    const double spread = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    const double denominator = 1.0 + z2 / n;
    return { (centre - spread) / denominator, (centre + spread) / denominator };
}

double HitRateStats::zScore(int wins, int n)
{
    const double p = double(wins) / n;
    return (p - Breakeven) / std::sqrt(Breakeven * (1.0 - Breakeven) / n);
}

double HitRateStats::upperTail(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

nlohmann::json HitRateStats::toJson() const
{
    auto value = [](std::optional<double> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {
        { "n", n() },
        { "wins", m_wins },
        { "losses", m_losses },
        { "pushes", m_pushes },
        { "hit_rate", value(hitRate()) },
        { "wilson_low", value(wilsonLow()) },
        { "wilson_high", value(wilsonHigh()) },
        { "z", value(z()) },
        { "p_value", value(pValue()) },
        { "significant", significant() },
        { "roi_110", value(roi110()) },
        { "roi_market", value(roiMarket()) },
    };
}

} // namespace bfs
