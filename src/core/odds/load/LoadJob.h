#pragma once

#include "jobs/Job.h"
#include "odds/load/OddsPrices.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace bfs {

class JobRecord;
class Workspace;

struct LoadOptions {
    OddsFormat format = OddsFormat::Auto;
    QString ndjsonPath; // non-empty: once loaded, every betting line is exported there (NDJSON)
    qint64 commitRows = 200000; // rows per transaction (a commit also happens every 2 s)
};

struct LoadFailure {
    QString path; // relative to the workspace: raw/{sport}/{date}/{eventId}.json
    QString reason;
    QString date() const; // the {date} folder: the date phase 1 must fetch again
};

struct LoadSummary {
    qint64 filesFound = 0; // event-odds files under raw/
    qint64 filesLoaded = 0; // parsed and committed by this run
    qint64 filesSkipped = 0; // already loaded and unchanged (same size and mtime)
    qint64 filesFailed = 0; // malformed or unreadable: reported, not marked loaded
    qint64 rowsParsed = 0; // rows in the files loaded
    qint64 rowsInserted = 0; // rows new to betting_lines
    qint64 rowsTotal = 0; // rows in betting_lines after the run
    QList<LoadFailure> failures;
    std::optional<qint64> ndjsonRows; // lines exported to LoadOptions::ndjsonPath

    // The summary keys of `load --json` that the load itself knows (files, rows, failures,
    // refetch_dates, ndjson_rows); the command adds its timings.
    nlohmann::json toJson() const;

    // The dates of the failed files, sorted, each once: `backfill --dates` fetches them again
    // (phase 1 re-fetches a stored answer that does not parse).
    QStringList refetchDates() const;
    // Empty, or the sentence that tells the user which dates to fetch again.
    QString refetchAdvice() const;
};

// Phase 2 (odds-api.md), whichever database the workspace uses: LineLoader for a SQLite
// workspace's raw/ files, TeamLineLoader for a team database's raw_snapshots. Both record their
// own run and give the same summary.
class LoadJob : public Job {
public:
    static std::shared_ptr<LoadJob> create(const Workspace& workspace, LoadOptions options = {});
    // Valid after the run (finish()).
    virtual LoadSummary summary() const = 0;

protected:
    // The end both loads share once their rows are committed: the failures sorted by path, the
    // NDJSON export of a complete load (`exportLines`; none after a failure, a cancel or an abort:
    // the file would lack the rest), the run record closed. `failure` is what went wrong before;
    // returns false with `error` when anything did.
    static bool finishLoad(UnitContext& context, const LoadOptions& options, LoadSummary& summary, JobRecord& record,
        QString failure, const std::function<std::optional<qint64>(QString&)>& exportLines, QString& error);
};

} // namespace bfs
