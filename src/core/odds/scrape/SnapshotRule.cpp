#include "SnapshotRule.h"

#include <QTimeZone>

namespace bfs::odds {

namespace {
const QTimeZone& newYork()
{
    static const QTimeZone zone("America/New_York");
    return zone;
}
} // namespace

QDateTime eventsSnapshot(QDate date, const BackfillSettings& settings)
{
    return QDateTime(date, settings.eventsTime, QTimeZone::utc());
}

QDate gameDateOf(const QDateTime& commenceUtc)
{
    return commenceUtc.toTimeZone(newYork()).date();
}

QDateTime oddsSnapshot(QDate date, const QDateTime& commenceUtc, const BackfillSettings& settings)
{
    if (settings.oddsTime)
        return QDateTime(date, *settings.oddsTime, QTimeZone::utc());
    return commenceUtc.toUTC().addSecs(-60LL * settings.leadMinutes);
}

QString isoZ(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QDateTime parseApiTime(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return {};
    return t.toUTC();
}

} // namespace bfs::odds
