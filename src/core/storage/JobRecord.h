#pragma once

#include "jobs/JobProgress.h"
#include "storage/Workspace.h"

#include <QElapsedTimer>
#include <QString>

#include <nlohmann/json.hpp>

namespace bfs {

class UnitContext;

// A run's own row in the workspace's run history — the one way anything records a run — written
// by the run itself so that it is recorded the same way whichever shell (CLI or screen) started
// it: a Job calls begin() from prepare() and end() from finish(); the feature benchmark and an
// evaluation, which are not Jobs, call begin() and end(status, …) around their work. Each call
// opens its own connection, since prepare() and finish() may run on different pool threads, or
// uses the one its caller has open on the calling thread. The
// status is the run's own: "completed", "cancelled" (the user stopped it), "aborted" (a fatal
// stop) or "failed" (with the error in the summary).
class JobRecord {
public:
    JobRecord(Workspace workspace, QString kind);

    bool begin(const nlohmann::json& config, QString& error);
    bool begin(const DbConnection& connection, const nlohmann::json& config, QString& error);
    // `failure` non-empty: the run failed with it. The summary gains "seconds" (begin → end)
    // and "workers".
    bool end(const UnitContext& context, nlohmann::json summary, const QString& failure, QString& error);
    bool end(const DbConnection& connection, const UnitContext& context, nlohmann::json summary, const QString& failure,
        QString& error);
    // The end of a run that is not a Job: `summary` recorded as it is.
    bool end(JobStatus status, const nlohmann::json& summary, QString& error);
    qint64 id() const { return m_id; }
    // How the run ended, as recorded: Failed with a failure, else Aborted, Cancelled or Completed.
    static JobStatus status(const UnitContext& context, const QString& failure);

private:
    // The summary as recorded: with "seconds", "workers" and the failure, if any.
    nlohmann::json closing(const UnitContext& context, nlohmann::json summary, const QString& failure) const;
    Workspace m_workspace;
    QString m_kind;
    qint64 m_id = 0;
    QElapsedTimer m_clock;
};

} // namespace bfs
