#include "Grader.h"

namespace bfs {

Recommendation Grader::recommend(double edge, double minEdge)
{
    if (edge >= minEdge)
        return Recommendation::Over;
    if (edge <= -minEdge)
        return Recommendation::Under;
    return Recommendation::Pass;
}

BetResult Grader::grade(std::optional<double> line, Recommendation recommendation, std::optional<int> actual)
{
    if (!line)
        return BetResult::NoLine;
    if (recommendation == Recommendation::Pass)
        return BetResult::Pass;
    if (!actual)
        return BetResult::Ungraded;
    const double value = *actual;
    if (value == *line)
        return BetResult::Push;
    const bool over = value > *line;
    return (recommendation == Recommendation::Over) == over ? BetResult::Win : BetResult::Loss;
}

QString Grader::name(Recommendation recommendation)
{
    switch (recommendation) {
    case Recommendation::Over:
        return QStringLiteral("OVER");
    case Recommendation::Under:
        return QStringLiteral("UNDER");
    case Recommendation::Pass:
        break;
    }
    return QStringLiteral("PASS");
}

QString Grader::name(BetResult result)
{
    switch (result) {
    case BetResult::NoLine:
        return QStringLiteral("NO_LINE");
    case BetResult::Pass:
        return QStringLiteral("PASS");
    case BetResult::Ungraded:
        return QStringLiteral("UNGRADED");
    case BetResult::Win:
        return QStringLiteral("WIN");
    case BetResult::Loss:
        return QStringLiteral("LOSS");
    case BetResult::Push:
        break;
    }
    return QStringLiteral("PUSH");
}

std::optional<Recommendation> Grader::parseRecommendation(const QString& text)
{
    const QString upper = text.trimmed().toUpper();
    if (upper == u"OVER")
        return Recommendation::Over;
    if (upper == u"UNDER")
        return Recommendation::Under;
    if (upper == u"PASS")
        return Recommendation::Pass;
    return std::nullopt;
}

} // namespace bfs
