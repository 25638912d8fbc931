#include "EventList.h"

#include "odds/scrape/SnapshotRule.h"

#include <simdjson.h>

#include <optional>
#include <string_view>

namespace bfs {

namespace {
// One parser per worker thread, its buffers reused from one answer to the next: every answer is
// checked on the worker's path to its next request (~3 µs for an odds answer; nlohmann's DOM took
// ~80 µs).
simdjson::dom::parser& threadParser()
{
    thread_local simdjson::dom::parser parser;
    return parser;
}

// The "data" member of a body that is one valid JSON object (the whole body validated, UTF-8
// included); valid until the thread parses the next body.
std::optional<simdjson::dom::element> dataOf(const QByteArray& body)
{
    simdjson::dom::element root;
    simdjson::dom::object object;
    simdjson::dom::element data;
    if (threadParser().parse(body.constData(), size_t(body.size())).get(root) != simdjson::SUCCESS
        || root.get_object().get(object) != simdjson::SUCCESS || object["data"].get(data) != simdjson::SUCCESS)
        return std::nullopt;
    return data;
}

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

bool EventList::isValidEventsBody(const QByteArray& body)
{
    const auto data = dataOf(body);
    return data && data->is_array();
}

bool EventList::isValidOddsBody(const QByteArray& body)
{
    const auto data = dataOf(body);
    return data && data->is_object();
}

QList<EventRef> EventList::keptEvents(const QByteArray& body, QDate date, QString& error)
{
    QList<EventRef> kept;
    const auto data = dataOf(body);
    simdjson::dom::array events;
    if (!data || data->get_array().get(events) != simdjson::SUCCESS) {
        error = QStringLiteral("events list is not the API's JSON shape");
        return kept;
    }
    for (const simdjson::dom::element event : events) {
        std::string_view id;
        std::string_view commenceText;
        if (event["id"].get_string().get(id) != simdjson::SUCCESS
            || event["commence_time"].get_string().get(commenceText) != simdjson::SUCCESS)
            continue; // not an object, or without a string id and commence_time
        const QDateTime commence = odds::parseApiTime(toQString(commenceText));
        if (!commence.isValid() || odds::gameDateOf(commence) != date)
            continue;
        kept.append({ toQString(id), commence });
    }
    return kept;
}

} // namespace bfs
