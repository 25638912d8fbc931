#include "LineMatcher.h"

#include <cmath>
#include <limits>
#include <map>

namespace bfs {

double americanToDecimal(int american)
{
    return american > 0 ? 1.0 + american / 100.0 : 1.0 + 100.0 / std::abs(american);
}

double americanToProbability(int american)
{
    return american > 0 ? 100.0 / (american + 100.0) : std::abs(american) / (std::abs(american) + 100.0);
}

std::optional<double> MatchedLine::consensusDecimalPrice(Recommendation side) const
{
    double sum = 0;
    int count = 0;
    for (const auto& book : books) {
        if (book.point != consensus)
            continue;
        const auto price = side == Recommendation::Over ? book.overPrice : book.underPrice;
        if (price && *price != 0) {
            sum += americanToDecimal(*price);
            ++count;
        }
    }
    if (count == 0)
        return std::nullopt;
    return sum / count;
}

std::optional<double> MatchedLine::noVigOverProbability() const
{
    double sum = 0;
    int count = 0;
    for (const auto& book : books) {
        if (book.point != consensus || !book.overPrice || !book.underPrice || *book.overPrice == 0
            || *book.underPrice == 0)
            continue;
        const double over = americanToProbability(*book.overPrice);
        const double under = americanToProbability(*book.underPrice);
        sum += over / (over + under);
        ++count;
    }
    if (count == 0)
        return std::nullopt;
    return sum / count;
}

namespace {

// The probability of one side: the stored implied probability, else derived from the
// price (older loads may lack the column), else nothing.
std::optional<double> sideProbability(std::optional<double> probability, std::optional<int> price)
{
    if (probability)
        return probability;
    if (price && *price != 0)
        return americanToProbability(*price);
    return std::nullopt;
}

double distance(const BettingLineRow& row)
{
    const auto over = sideProbability(row.overProb, row.overPrice);
    const auto under = sideProbability(row.underProb, row.underPrice);
    if (!over || !under)
        return std::numeric_limits<double>::infinity();
    return std::abs(*over - *under);
}

} // namespace

std::optional<MatchedLine> LineMatcher::match(const std::vector<BettingLineRow>& rows)
{
    // bookmaker → latest snapshot time
    std::map<QString, QString> latest;
    for (const auto& row : rows) {
        auto& snapshot = latest[row.bookmaker];
        if (row.snapshotTime > snapshot)
            snapshot = row.snapshotTime;
    }
    // bookmaker → main line among the latest snapshot's rows
    std::map<QString, const BettingLineRow*> main;
    for (const auto& row : rows) {
        if (row.snapshotTime != latest[row.bookmaker])
            continue;
        const BettingLineRow*& best = main[row.bookmaker];
        if (!best) {
            best = &row;
            continue;
        }
        const double d = distance(row), bestD = distance(*best);
        if (d < bestD || (d == bestD && row.point < best->point))
            best = &row;
    }
    if (main.empty())
        return std::nullopt;

    MatchedLine matched;
    std::map<double, int> votes;
    for (const auto& [bookmaker, row] : main) {
        matched.books.push_back({ bookmaker, row->point, row->overPrice, row->underPrice });
        ++votes[row->point];
    }
    // std::map iterates points in ascending order, so the first maximum is the lower point.
    int bestVotes = 0;
    for (const auto& [point, count] : votes) {
        if (count > bestVotes) {
            bestVotes = count;
            matched.consensus = point;
        }
    }
    return matched;
}

} // namespace bfs
