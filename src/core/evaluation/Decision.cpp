#include "Decision.h"

#include "evaluation/HitRateStats.h"

namespace bfs {

DecisionLabel Decision::decide(const HitRateStats& stats)
{
    const auto hitRate = stats.hitRate();
    if (!hitRate)
        return DecisionLabel::NotProfitable;
    const bool significant = stats.significant();
    if (*hitRate >= 0.58 && significant && *stats.wilsonLow() > HitRateStats::Breakeven)
        return DecisionLabel::Exceptional;
    if (*hitRate >= 0.55 && significant)
        return DecisionLabel::Strong;
    if (*hitRate > HitRateStats::Breakeven)
        return significant ? DecisionLabel::Marginal : DecisionLabel::Inconclusive;
    return DecisionLabel::NotProfitable;
}

Readiness Decision::readiness(double coverage)
{
    if (coverage >= 0.70)
        return Readiness::Ready;
    if (coverage >= 0.50)
        return Readiness::Partial;
    return Readiness::Waiting;
}

QString Decision::name(DecisionLabel label)
{
    switch (label) {
    case DecisionLabel::Exceptional:
        return QStringLiteral("EXCEPTIONAL");
    case DecisionLabel::Strong:
        return QStringLiteral("STRONG");
    case DecisionLabel::Marginal:
        return QStringLiteral("MARGINAL");
    case DecisionLabel::Inconclusive:
        return QStringLiteral("INCONCLUSIVE");
    case DecisionLabel::NotProfitable:
        break;
    }
    return QStringLiteral("NOT_PROFITABLE");
}

QString Decision::name(Readiness readiness)
{
    switch (readiness) {
    case Readiness::Ready:
        return QStringLiteral("ready");
    case Readiness::Partial:
        return QStringLiteral("partial");
    case Readiness::Waiting:
        break;
    }
    return QStringLiteral("waiting");
}

QString Decision::explanation(DecisionLabel label)
{
    switch (label) {
    case DecisionLabel::Exceptional:
        return QStringLiteral("Hit rate ≥ 58 %, significant, and the whole 95 % interval is above break-even.");
    case DecisionLabel::Strong:
        return QStringLiteral("Hit rate ≥ 55 % and significantly above break-even.");
    case DecisionLabel::Marginal:
        return QStringLiteral("Above break-even and significant, but below 55 %.");
    case DecisionLabel::Inconclusive:
        return QStringLiteral("Above break-even, but not significant yet: more bets needed.");
    case DecisionLabel::NotProfitable:
        break;
    }
    return QStringLiteral("At or below break-even (or no graded bets).");
}

} // namespace bfs
