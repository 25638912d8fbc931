#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bfs {

enum class JobStage { Preparing, Running, Finishing, Finished };

// "preparing", "running", "finishing", "finished": how the CLI's progress line names it.
QString jobStageName(JobStage stage);

// A snapshot of a running job, emitted at a bounded rate for the GUI and the CLI's
// progress line. Plain value type: safe to copy across threads.
struct JobProgress {
    qint64 done = 0; // weight of finished units (races, dates, files…)
    qint64 total = 0; // total weight; 0 while the job is still preparing
    qint64 items = 0; // secondary count the job reports (runners, requests, rows)
    qint64 failed = 0; // weight of failed units
    double elapsedSeconds = 0;
    double rate = 0; // done per second over the recent window
    double etaSeconds = -1; // < 0: unknown
    int workers = 0;
    bool paused = false;
    JobStage stage = JobStage::Preparing;
    QStringList workerStatus; // one line per worker slot

    double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
};

enum class JobStatus { Completed, Cancelled, Aborted, Failed };

QString jobStatusName(JobStatus status);

// How a job ended. `error` is set for Failed (could not run: bad input, unusable
// database) and Aborted (a fatal stop such as a rejected API key).
struct JobResult {
    JobStatus status = JobStatus::Completed;
    qint64 done = 0;
    qint64 total = 0;
    qint64 items = 0;
    qint64 failed = 0;
    int workers = 0;
    double seconds = 0;
    QString error;

    bool ok() const { return status == JobStatus::Completed; }
};

} // namespace bfs

Q_DECLARE_METATYPE(bfs::JobProgress)
Q_DECLARE_METATYPE(bfs::JobResult)
