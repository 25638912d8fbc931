#include "BackfillSettings.h"

#include "jobs/JobEngine.h"

#include <QRegularExpression>
#include <QUrl>

namespace bfs {

QStringList splitCommaList(const QString& text)
{
    QStringList parts;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    }
    return parts;
}

QString BackfillSettings::validate() const
{
    static const QRegularExpression key(QStringLiteral("^[a-z0-9_]+$"));
    if (!start.isValid() || !end.isValid())
        return QStringLiteral("a start and an end date are required");
    if (end < start)
        return QStringLiteral("--end %1 is before --start %2")
            .arg(end.toString(Qt::ISODate), start.toString(Qt::ISODate));
    if (start.daysTo(end) > 3660)
        return QStringLiteral("the date range spans more than ten years");
    for (const QDate& d : dates) {
        if (d < start || d > end)
            return QStringLiteral("date %1 is outside %2…%3")
                .arg(d.toString(Qt::ISODate), start.toString(Qt::ISODate), end.toString(Qt::ISODate));
    }
    const QUrl base(apiBase);
    if (!base.isValid() || (base.scheme() != QStringLiteral("http") && base.scheme() != QStringLiteral("https"))
        || base.host().isEmpty())
        return QStringLiteral("--api-base must be an http(s) URL, got '%1'")
            .arg(base.isValid() ? base.toDisplayString(QUrl::RemovePassword) : QStringLiteral("(not a URL)"));
    if (!key.match(sport).hasMatch())
        return QStringLiteral("--sport must be a sport key like baseball_mlb, got '%1'").arg(sport);
    if (leaseSeconds < 5 || leaseSeconds > 3600)
        return QStringLiteral("--lease-s must be 5…3600 seconds, got %1").arg(leaseSeconds);
    if (markets.isEmpty())
        return QStringLiteral("--markets needs at least one market");
    for (const QString& m : markets) {
        if (!key.match(m).hasMatch())
            return QStringLiteral("--markets: '%1' is not a market key").arg(m);
    }
    if (bookmakers.isEmpty() && regions.isEmpty())
        return QStringLiteral("--regions or --bookmakers is required");
    for (const QString& r : regions + bookmakers) {
        if (!key.match(r).hasMatch())
            return QStringLiteral("'%1' is not a region or bookmaker key").arg(r);
    }
    if (oddsFormat != QStringLiteral("american") && oddsFormat != QStringLiteral("decimal"))
        return QStringLiteral("--odds-format must be american or decimal, got '%1'").arg(oddsFormat);
    if (!eventsTime.isValid())
        return QStringLiteral("--events-time must be HH:MM");
    if (oddsTime && !oddsTime->isValid())
        return QStringLiteral("--odds-time must be HH:MM");
    if (leadMinutes < 0 || leadMinutes > 24 * 60)
        return QStringLiteral("--lead-minutes must be 0…1440, got %1").arg(leadMinutes);
    if (workers < JobEngine::MinWorkers || workers > JobEngine::MaxWorkers)
        return QStringLiteral("--workers must be between %1 and %2, got %3")
            .arg(JobEngine::MinWorkers)
            .arg(JobEngine::MaxWorkers)
            .arg(workers);
    if (!(rate > 0))
        return QStringLiteral("--rate must be a positive number of requests per second");
    if (delayMs < 0)
        return QStringLiteral("--delay-ms must be ≥ 0");
    if (maxRetries < 0 || maxRetries > 100)
        return QStringLiteral("--max-retries must be 0…100, got %1").arg(maxRetries);
    if (timeoutSeconds < 1 || timeoutSeconds > 600)
        return QStringLiteral("--timeout-s must be 1…600, got %1").arg(timeoutSeconds);
    if (budget && *budget < 0)
        return QStringLiteral("--budget must be ≥ 0");
    if (reserve && *reserve < 0)
        return QStringLiteral("--reserve must be ≥ 0");
    return {};
}

int BackfillSettings::billedRegions() const
{
    if (!bookmakers.isEmpty())
        return int((bookmakers.size() + 9) / 10);
    return std::max(1, int(regions.size()));
}

QList<QDate> BackfillSettings::rangeDates() const
{
    QList<QDate> result;
    for (QDate d = start; d.isValid() && d <= end; d = d.addDays(1))
        result.append(d);
    if (newestFirst)
        std::reverse(result.begin(), result.end());
    return result;
}

nlohmann::json BackfillSettings::toJson() const
{
    auto list = [](const QStringList& l) {
        nlohmann::json a = nlohmann::json::array();
        for (const QString& s : l)
            a.push_back(s.toStdString());
        return a;
    };
    nlohmann::json dateList = nlohmann::json::array();
    for (const QDate& d : dates)
        dateList.push_back(d.toString(Qt::ISODate).toStdString());
    return { { "api_base", apiBase.toStdString() }, { "sport", sport.toStdString() }, { "markets", list(markets) },
        { "regions", list(regions) }, { "bookmakers", list(bookmakers) }, { "odds_format", oddsFormat.toStdString() },
        { "events_time", eventsTime.toString(QStringLiteral("HH:mm")).toStdString() }, { "lead_minutes", leadMinutes },
        { "odds_time",
            oddsTime ? nlohmann::json(oddsTime->toString(QStringLiteral("HH:mm")).toStdString()) : nlohmann::json() },
        { "start", start.toString(Qt::ISODate).toStdString() }, { "end", end.toString(Qt::ISODate).toStdString() },
        { "dates", dateList }, { "retry_failed", retryFailedOnly }, { "events_only", eventsOnly },
        { "newest_first", newestFirst }, { "workers", workers }, { "rate", rate }, { "delay_ms", delayMs },
        { "max_retries", maxRetries }, { "timeout_s", timeoutSeconds },
        { "budget", budget ? nlohmann::json(*budget) : nlohmann::json() },
        { "reserve", reserve ? nlohmann::json(*reserve) : nlohmann::json() } };
}

} // namespace bfs
