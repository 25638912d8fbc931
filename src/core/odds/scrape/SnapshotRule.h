#pragma once

#include "odds/scrape/BackfillSettings.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace bfs::odds {

// The date and snapshot rules of phase 1 (odds-api.md), in one place so the job, the
// planner, the loader and the tests agree on them.

// The events request of date D: D at the configured UTC time.
QDateTime eventsSnapshot(QDate date, const BackfillSettings& settings);
// The game date of an event: commence_time converted to America/New_York.
QDate gameDateOf(const QDateTime& commenceUtc);
// The odds request of an event: commence − lead, or D at the fixed UTC odds time.
QDateTime oddsSnapshot(QDate date, const QDateTime& commenceUtc, const BackfillSettings& settings);
// "2024-05-03T15:00:00Z", the API's format.
QString isoZ(const QDateTime& time);
// Parses the API's commence_time; invalid when it is not an ISO 8601 UTC time.
QDateTime parseApiTime(const QString& text);

} // namespace bfs::odds
