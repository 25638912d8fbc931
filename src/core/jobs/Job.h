#pragma once

#include "jobs/UnitContext.h"

#include <QString>
#include <QtGlobal>

#include <memory>

namespace bfs {

// Per-thread state of one worker slot (database connection, network manager…).
// Created and destroyed on the worker's own thread.
class JobWorker {
public:
    virtual ~JobWorker() = default;
    virtual UnitOutcome run(qint64 unit, UnitContext& context) = 0;
    // After the worker's last unit, on its thread, also when the run was cancelled:
    // hand on work buffered across units (a batch of parsed files), or help with work
    // other workers' units opened (the backfill's shared requests) and report the units
    // it deferred.
    virtual void flush(UnitContext& context) { Q_UNUSED(context); }
};

// A job the JobEngine can run: a fixed list of units handed to workers from one shared
// queue in index order. Units are CPU batches (feature generation) or network
// partitions (one date of the odds backfill) alike.
class Job {
public:
    virtual ~Job() = default;

    // Runs once on a pool thread before any unit (read input, plan units). Return
    // false with `error` set to fail the job without running any unit.
    virtual bool prepare(UnitContext& context, QString& error)
    {
        Q_UNUSED(context);
        Q_UNUSED(error);
        return true;
    }
    virtual qint64 unitCount() const = 0;
    // Progress weight of a unit (races in a batch); the total is the sum.
    virtual qint64 unitWeight(qint64 unit) const
    {
        Q_UNUSED(unit);
        return 1;
    }
    // Called on the worker thread that will use it.
    virtual std::unique_ptr<JobWorker> createWorker(int workerIndex) = 0;
    // Runs once on a pool thread after every worker has stopped, whatever the status
    // (flush and commit what is complete). Returning false with `error` fails the job.
    virtual bool finish(UnitContext& context, QString& error)
    {
        Q_UNUSED(context);
        Q_UNUSED(error);
        return true;
    }
};

} // namespace bfs
