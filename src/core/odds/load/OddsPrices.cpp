#include "OddsPrices.h"

#include <cmath>

namespace bfs {

std::optional<OddsFormat> parseOddsFormat(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == u"auto")
        return OddsFormat::Auto;
    if (lower == u"american")
        return OddsFormat::American;
    if (lower == u"decimal")
        return OddsFormat::Decimal;
    return std::nullopt;
}

QString oddsFormatName(OddsFormat format)
{
    switch (format) {
    case OddsFormat::American:
        return QStringLiteral("american");
    case OddsFormat::Decimal:
        return QStringLiteral("decimal");
    case OddsFormat::Auto:
        break;
    }
    return QStringLiteral("auto");
}

namespace odds {

int decimalToAmerican(double decimal)
{
    // std::round is half away from zero, so 1.5 → −200 and 2.005 → 101 (not banker's).
    if (decimal >= 2.0)
        return int(std::lround((decimal - 1.0) * 100.0));
    return int(std::lround(-100.0 / (decimal - 1.0)));
}

double impliedProbability(int american)
{
    if (american > 0)
        return 100.0 / (american + 100.0);
    return -double(american) / (-double(american) + 100.0);
}

} // namespace odds
} // namespace bfs
