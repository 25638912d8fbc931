#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace bfs {

struct EventRef {
    QString id;
    QDateTime commenceTime; // UTC
};

// Reads the events endpoint's answer (odds-api.md endpoint 1) and applies the date
// rule: keep the events whose commence_time, in America/New_York, falls on the date.
class EventList {
public:
    // True when the body has the endpoint's shape ({"data": [...]}); the worker retries otherwise.
    static bool isValidEventsBody(const QByteArray& body);
    // True when the body has the odds endpoint's shape ({"data": {...}}).
    static bool isValidOddsBody(const QByteArray& body);
    // Kept events of `date`; `error` set (and nothing returned) when the body is unusable.
    static QList<EventRef> keptEvents(const QByteArray& body, QDate date, QString& error);
};

} // namespace bfs
