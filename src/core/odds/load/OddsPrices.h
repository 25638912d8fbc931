#pragma once

#include <QString>

#include <optional>

namespace bfs {

// How the prices in raw odds files are written (odds-api.md, phase 2).
enum class OddsFormat {
    Auto, // decided per response (see OddsSnapshotParser): the usual choice
    American, // every price is American
    Decimal, // every price is decimal (the workspace fetched with oddsFormat=decimal)
};

// "auto" / "american" / "decimal" (case-insensitive); nullopt otherwise.
std::optional<OddsFormat> parseOddsFormat(const QString& text);
QString oddsFormatName(OddsFormat format); // "auto", "american", "decimal"

// Price arithmetic of the spec, shared by the loader and the evaluation.
namespace odds {

// d ≥ 2 → round((d − 1) × 100); d < 2 → round(−100 / (d − 1)). Requires d > 1.
int decimalToAmerican(double decimal);
// p > 0 → 100 / (p + 100); p < 0 → −p / (−p + 100). Requires |p| ≥ 100.
double impliedProbability(int american);
// American odds never lie strictly between −100 and +100; decimal odds (> 1) nearly
// always do. This is what lets Auto tell the two apart.
inline bool looksDecimal(double price)
{
    return price > -100.0 && price < 100.0;
}

} // namespace odds
} // namespace bfs
