#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace bfs::format {

// The one place the screens turn numbers into text: thousands separators from the
// locale, plurals that agree with their count, percents and durations in one style.
// Widget-free, so the CLI and reports may use it too.

// 12,345 (the locale's group separator).
QString count(qint64 value);
// "1 worker", "2 workers", "12,345 requests": the noun agrees with the count.
QString plural(qint64 value, const QString& singular, const QString& pluralForm);
// 0.649 → "64.9%"; "–" for a rate that is not defined (no bets: nullopt) or not finite.
QString percent(std::optional<double> fraction, int decimals = 1);
// The same with a sign for a gain: "+9.0%", "-4.5%" (ROI).
QString signedPercent(std::optional<double> fraction, int decimals = 1);
// 4.2 s, 1 min 05 s, 2 h 07 min; "–" when negative (unknown).
QString duration(double seconds);
// A number with a fixed count of decimals and grouped thousands: 1,234.5; "–" when undefined.
QString decimal(std::optional<double> value, int decimals);
// The same with a sign when positive: "+0.08" (bias, units).
QString signedDecimal(std::optional<double> value, int decimals);

// A core message that names command-line flags ("--rate must be …", "--db: …"), worded
// for a screen: each flag replaced by the name of its field there (labels: flag → name).
QString withoutFlags(QString message, const QList<std::pair<QString, QString>>& labels);

} // namespace bfs::format
