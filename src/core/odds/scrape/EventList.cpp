#include "EventList.h"

#include "odds/scrape/SnapshotRule.h"

#include <nlohmann/json.hpp>

namespace bfs {

namespace {
bool parse(const QByteArray& body, nlohmann::json& json)
{
    json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    return !json.is_discarded() && json.is_object() && json.contains("data");
}
} // namespace

bool EventList::isValidEventsBody(const QByteArray& body)
{
    nlohmann::json json;
    return parse(body, json) && json["data"].is_array();
}

bool EventList::isValidOddsBody(const QByteArray& body)
{
    nlohmann::json json;
    return parse(body, json) && json["data"].is_object();
}

QList<EventRef> EventList::keptEvents(const QByteArray& body, QDate date, QString& error)
{
    QList<EventRef> kept;
    nlohmann::json json;
    if (!parse(body, json) || !json["data"].is_array()) {
        error = QStringLiteral("events list is not the API's JSON shape");
        return kept;
    }
    for (const auto& event : json["data"]) {
        if (!event.is_object() || !event.contains("id") || !event["id"].is_string() || !event.contains("commence_time")
            || !event["commence_time"].is_string())
            continue;
        const QDateTime commence
            = odds::parseApiTime(QString::fromStdString(event["commence_time"].get<std::string>()));
        if (!commence.isValid() || odds::gameDateOf(commence) != date)
            continue;
        kept.append({ QString::fromStdString(event["id"].get<std::string>()), commence });
    }
    return kept;
}

} // namespace bfs
