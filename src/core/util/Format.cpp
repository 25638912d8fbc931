#include "Format.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace bfs::format {

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString plural(qint64 value, const QString& singular, const QString& pluralForm)
{
    return QStringLiteral("%1 %2").arg(count(value), value == 1 ? singular : pluralForm);
}

QString percent(std::optional<double> fraction, int decimals)
{
    if (!fraction || !std::isfinite(*fraction))
        return QStringLiteral("–");
    return QLocale().toString(*fraction * 100.0, 'f', decimals) + u'%';
}

QString signedPercent(std::optional<double> fraction, int decimals)
{
    const QString text = percent(fraction, decimals);
    return fraction && *fraction > 0 && std::isfinite(*fraction) ? u'+' + text : text;
}

QString decimal(std::optional<double> value, int decimals)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("–");
    return QLocale().toString(*value, 'f', decimals);
}

QString signedDecimal(std::optional<double> value, int decimals)
{
    const QString text = decimal(value, decimals);
    return value && *value > 0 && std::isfinite(*value) ? u'+' + text : text;
}

QString duration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QStringLiteral("–");
    if (seconds < 90)
        return QStringLiteral("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10 ? 1 : 0));
    const qint64 whole = qint64(seconds + 0.5);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(count(whole / 3600)).arg(whole % 3600 / 60, 2, 10, QLatin1Char('0'));
}

QString withoutFlags(QString message, const QList<std::pair<QString, QString>>& labels)
{
    // Longest flags first, so "--odds-time" is not taken for "--odds".
    QList<std::pair<QString, QString>> sorted = labels;
    std::sort(
        sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [flag, label] : sorted)
        message.replace(flag, label);
    return message;
}

} // namespace bfs::format
