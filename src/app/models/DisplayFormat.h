#pragma once

#include <QLocale>
#include <QString>

#include <optional>

namespace bfs::app {

// The Evaluate screen's number formats, shared by its tiles and table models so a rate reads
// the same everywhere: percent with one decimal ("57.1 %", "+9.0 %"), counts with thousands
// separators ("12,345"), "–" for a number that is not defined (no bets).
namespace format {

inline QString percent(std::optional<double> fraction, bool sign = false)
{
    if (!fraction)
        return QStringLiteral("–");
    const QString text = QString::number(*fraction * 100.0, 'f', 1) + QStringLiteral(" %");
    return sign && *fraction > 0 ? u'+' + text : text;
}

// Always "," between thousands and "." for decimals, as the percentages: the system locale
// would give "12.345" beside "57.1 %" in German.
inline QString count(qint64 n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

inline QString number(std::optional<double> value, int decimals, bool sign = false)
{
    if (!value)
        return QStringLiteral("–");
    const QString text = QString::number(*value, 'f', decimals);
    return sign && *value > 0 ? u'+' + text : text;
}

} // namespace format

} // namespace bfs::app
