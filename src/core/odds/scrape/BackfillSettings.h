#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

#include <nlohmann/json.hpp>

#include <optional>

namespace bfs {

// Everything one odds backfill run (phase 1) is configured with, from the CLI flags or
// the GUI's forms. The API key travels here in memory only: toJson() (what the run
// history stores) leaves it out.
struct BackfillSettings {
    QString workspace;
    QString apiBase = QStringLiteral("https://api.the-odds-api.com");
    QString apiKey;
    QString sport = QStringLiteral("baseball_mlb");
    QStringList markets { QStringLiteral("pitcher_strikeouts") };
    QStringList regions { QStringLiteral("us") };
    QStringList bookmakers; // replaces regions when set
    QString oddsFormat = QStringLiteral("american");
    QTime eventsTime { 15, 0 };
    int leadMinutes = 60;
    std::optional<QTime> oddsTime; // fixed UTC snapshot time instead of the lead rule

    QDate start;
    QDate end;
    QList<QDate> dates; // explicit dates to (re-)run; empty: the whole range
    bool retryFailedOnly = false;
    bool newestFirst = false;
    bool dryRun = false;
    bool eventsOnly = false; // fetch only the 1-credit events lists (a dry run's exact plan)

    int workers = 1;
    double rate = 5; // requests per second over all workers
    int delayMs = 0; // fixed gap between requests, over all workers
    int maxRetries = 5;
    int timeoutSeconds = 30;
    int retryBaseMs = 1000; // backoff base; tests shorten it
    int retryCapMs = 60000;
    std::optional<qint64> budget; // credits this run may spend
    std::optional<qint64> reserve; // stop when x-requests-remaining would fall below
    int leaseSeconds = 60; // team mode: how long a claimed date stays this instance's unrenewed

    // Empty when usable; otherwise names the first problem ("--end 2024-04-01 is
    // before --start 2024-05-01").
    QString validate() const;
    // Regions the API bills for one odds request: regions, or bookmakers per ten.
    int billedRegions() const;
    qint64 creditsPerOddsRequest() const { return 10LL * markets.size() * billedRegions(); }
    // Dates of the range, in run order (newest first on request).
    QList<QDate> rangeDates() const;
    nlohmann::json toJson() const; // no API key
};

// Splits "a, b,c" into trimmed non-empty parts.
QStringList splitCommaList(const QString& text);

} // namespace bfs
