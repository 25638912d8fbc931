#include "EvaluationDepth.h"

#include <algorithm>
#include <cmath>

namespace bfs {

namespace {

nlohmann::json optionalNumber(std::optional<double> value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

constexpr double WinUnits = 100.0 / 110.0;

} // namespace

void AccuracyStats::add(double predicted, int actual)
{
    const double error = predicted - actual;
    ++m_n;
    m_sumError += error;
    m_sumAbsolute += std::abs(error);
    m_sumSquared += error * error;
    for (int k = 1; k <= int(m_within.size()); ++k) {
        if (std::abs(error) <= k)
            ++m_within[std::size_t(k - 1)];
    }
    auto& point = m_byActual[actual];
    ++point.first;
    point.second += predicted;
}

std::optional<double> AccuracyStats::mae() const
{
    return m_n ? std::optional<double>(m_sumAbsolute / m_n) : std::nullopt;
}

std::optional<double> AccuracyStats::rmse() const
{
    return m_n ? std::optional<double>(std::sqrt(m_sumSquared / m_n)) : std::nullopt;
}

std::optional<double> AccuracyStats::bias() const
{
    return m_n ? std::optional<double>(m_sumError / m_n) : std::nullopt;
}

std::optional<double> AccuracyStats::within(int k) const
{
    if (!m_n || k < 1 || k > int(m_within.size()))
        return std::nullopt;
    return double(m_within[std::size_t(k - 1)]) / m_n;
}

std::vector<AccuracyStats::ActualPoint> AccuracyStats::byActual() const
{
    std::vector<ActualPoint> points;
    points.reserve(m_byActual.size());
    for (const auto& [actual, sums] : m_byActual)
        points.push_back({ actual, sums.first, sums.second / sums.first });
    return points;
}

nlohmann::json AccuracyStats::toJson() const
{
    return {
        { "n", m_n },
        { "mae", optionalNumber(mae()) },
        { "rmse", optionalNumber(rmse()) },
        { "bias", optionalNumber(bias()) },
        { "within_1", optionalNumber(within(1)) },
        { "within_2", optionalNumber(within(2)) },
        { "within_3", optionalNumber(within(3)) },
    };
}

void PitcherResult::assignVerdicts(std::vector<PitcherResult>& pitchers)
{
    struct Test {
        double p;
        std::size_t pitcher;
        Verdict direction;
    };
    std::vector<Test> tests;
    for (std::size_t i = 0; i < pitchers.size(); ++i) {
        PitcherResult& pitcher = pitchers[i];
        pitcher.m_verdict = Verdict::None;
        if (pitcher.stats.n() < VerdictMinBets)
            continue;
        const double z = HitRateStats::zScore(pitcher.stats.wins(), pitcher.stats.n());
        tests.push_back({ HitRateStats::upperTail(std::abs(z)), i, z > 0 ? Verdict::Bet : Verdict::Avoid });
    }
    std::sort(tests.begin(), tests.end(), [](const Test& a, const Test& b) { return a.p < b.p; });
    // The largest rank k with p(k) ≤ k/m · q; the k smallest p-values are the discoveries.
    const double m = double(tests.size());
    std::size_t discoveries = 0;
    for (std::size_t k = 1; k <= tests.size(); ++k) {
        if (tests[k - 1].p <= double(k) / m * FalseDiscoveryRate)
            discoveries = k;
    }
    for (std::size_t k = 0; k < discoveries; ++k)
        pitchers[tests[k].pitcher].m_verdict = tests[k].direction;
}

nlohmann::json PitcherResult::toJson() const
{
    return {
        { "player_lookup", playerLookup.toStdString() },
        { "pitcher_name", pitcherName.toStdString() },
        { "n", stats.n() },
        { "wins", stats.wins() },
        { "losses", stats.losses() },
        { "hit_rate", optionalNumber(stats.hitRate()) },
        { "roi_110", optionalNumber(stats.roi110()) },
        { "over", over },
        { "under", under },
        { "bias", optionalNumber(bias) },
    };
}

Bankroll Bankroll::of(std::vector<Bet> bets)
{
    std::sort(bets.begin(), bets.end(), [](const Bet& a, const Bet& b) {
        if (a.gameDate != b.gameDate)
            return a.gameDate < b.gameDate;
        if (a.playerLookup != b.playerLookup)
            return a.playerLookup < b.playerLookup;
        return a.fileIndex < b.fileIndex;
    });
    Bankroll bankroll;
    bankroll.path.reserve(bets.size());
    bankroll.dates.reserve(bets.size());
    double peak = 0;
    int peakIndex = -1;
    int winning = 0, losing = 0;
    for (std::size_t i = 0; i < bets.size(); ++i) {
        const Bet& bet = bets[i];
        bankroll.units += bet.won ? WinUnits : -1.0;
        winning = bet.won ? winning + 1 : 0;
        losing = bet.won ? 0 : losing + 1;
        bankroll.longestWinningStreak = std::max(bankroll.longestWinningStreak, winning);
        bankroll.longestLosingStreak = std::max(bankroll.longestLosingStreak, losing);
        if (bankroll.units > peak) {
            peak = bankroll.units;
            peakIndex = int(i);
        } else if (peak - bankroll.units > bankroll.maxDrawdown) {
            bankroll.maxDrawdown = peak - bankroll.units;
            bankroll.drawdownPeak = peakIndex;
            bankroll.drawdownTrough = int(i);
        }
        bankroll.path.push_back(bankroll.units);
        bankroll.dates.push_back(bet.gameDate);
    }
    return bankroll;
}

nlohmann::json Bankroll::toJson() const
{
    return {
        { "units", units },
        { "max_drawdown", maxDrawdown },
        { "longest_winning_streak", longestWinningStreak },
        { "longest_losing_streak", longestLosingStreak },
    };
}

std::optional<double> MarketComparison::CalibrationBin::meanProbability() const
{
    return n ? std::optional<double>(sumProbability / n) : std::nullopt;
}

std::optional<double> MarketComparison::CalibrationBin::winRate() const
{
    return n ? std::optional<double>(double(wins) / n) : std::nullopt;
}

double MarketComparison::poissonOver(double lambda, double line)
{
    if (lambda <= 0)
        return 0.0;
    if (line < 0)
        return 1.0;
    const double whole = std::floor(line);
    const int last = int(whole);
    // Each term in log space, so a large λ cannot underflow e^−λ to 0 before the powers rise.
    auto pmf = [lambda](int k) { return std::exp(-lambda + k * std::log(lambda) - std::lgamma(k + 1.0)); };
    double atOrBelow = 0;
    for (int k = 0; k <= last; ++k)
        atOrBelow += pmf(k);
    const double above = std::max(0.0, 1.0 - atOrBelow);
    const double push = whole == line ? pmf(last) : 0.0;
    return std::clamp(above / (1.0 - push), 0.0, 1.0);
}

void MarketComparison::add(double modelProbability, double marketProbability, bool won)
{
    const double outcome = won ? 1.0 : 0.0;
    ++m_n;
    m_sumModel += (modelProbability - outcome) * (modelProbability - outcome);
    m_sumMarket += (marketProbability - outcome) * (marketProbability - outcome);
    auto bin = [](double probability) {
        return std::clamp(int(std::floor(probability * CalibrationBins)), 0, CalibrationBins - 1);
    };
    for (auto [bins, probability] :
        { std::pair { &m_model, modelProbability }, std::pair { &m_market, marketProbability } }) {
        auto& target = (*bins)[std::size_t(bin(probability))];
        ++target.n;
        target.wins += won ? 1 : 0;
        target.sumProbability += probability;
    }
}

std::optional<double> MarketComparison::brierModel() const
{
    return m_n ? std::optional<double>(m_sumModel / m_n) : std::nullopt;
}

std::optional<double> MarketComparison::brierMarket() const
{
    return m_n ? std::optional<double>(m_sumMarket / m_n) : std::nullopt;
}

bool MarketComparison::beatsMarket() const
{
    return m_n > 0 && m_sumModel < m_sumMarket;
}

nlohmann::json MarketComparison::toJson() const
{
    return {
        { "n", m_n },
        { "brier_model", optionalNumber(brierModel()) },
        { "brier_market", optionalNumber(brierMarket()) },
        { "beats_market", beatsMarket() },
    };
}

} // namespace bfs
