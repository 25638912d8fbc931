#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace bfs {

// The outcome of one backfill run with cli.md's summary keys.
struct BackfillSummary {
    struct Failure {
        QDate date;
        QString error;
    };
    int datesTotal = 0;
    int datesDone = 0;
    int datesEmpty = 0;
    int datesFailed = 0;
    qint64 eventsFetched = 0; // event files present after the run, earlier runs' included
    qint64 eventsMissing = 0;
    qint64 requests = 0;
    qint64 retries = 0;
    qint64 creditsUsed = 0;
    std::optional<qint64> requestsRemaining;
    double seconds = 0;
    QList<Failure> failures;
    QString stoppedReason; // empty: not stopped

    // Dry run only.
    bool dryRun = false;
    int datesToFetch = 0;
    qint64 estimatedRequests = 0;
    qint64 estimatedCredits = 0;

    nlohmann::json toJson() const;
};

} // namespace bfs
