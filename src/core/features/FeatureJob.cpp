#include "FeatureJob.h"

#include "features/FeatureCalculator.h"
#include "features/FeatureWriter.h"
#include "features/HistoryIndex.h"
#include "features/RaceDbReader.h"
#include "jobs/JobEngine.h"
#include "jobs/UnitContext.h"
#include "storage/Workspace.h"

#include <QElapsedTimer>

#include <deque>
#include <mutex>

namespace bfs {

// Batches computed but not yet written, and the writer they wait for. Whichever worker
// finishes a batch drains the queue if the writer is free (no dedicated writer thread,
// so the pool size is the thread count), else leaves its batch for the current writer.
struct FeatureJob::WriteQueue {
    std::mutex pendingMutex;
    std::deque<std::vector<FeatureRow>> pending;
    std::mutex writerMutex;
    std::atomic<qint64> racesWritten { 0 };

    void push(std::vector<FeatureRow> rows)
    {
        std::lock_guard lock(pendingMutex);
        pending.push_back(std::move(rows));
    }
    bool pop(std::vector<FeatureRow>& rows)
    {
        std::lock_guard lock(pendingMutex);
        if (pending.empty())
            return false;
        rows = std::move(pending.front());
        pending.pop_front();
        return true;
    }
    bool hasPending()
    {
        std::lock_guard lock(pendingMutex);
        return !pending.empty();
    }
};

class FeatureJob::Worker final : public JobWorker {
public:
    explicit Worker(FeatureJob& job)
        : m_job(job)
        , m_calculator(*job.m_data, *job.m_index)
    {
    }

    UnitOutcome run(qint64 unit, UnitContext& context) override
    {
        if (context.isCanceled())
            return UnitOutcome::Interrupted;
        QElapsedTimer timer;
        timer.start();
        const auto batch = uint32_t(m_job.m_settings.batchSize);
        const auto first = uint32_t(unit) * batch;
        const auto last = std::min<uint32_t>(first + batch, uint32_t(m_job.m_raceCount));
        std::vector<FeatureRow> rows;
        rows.reserve(size_t(last - first) * 12);
        for (uint32_t race = first; race < last; ++race)
            m_calculator.computeRace(race, rows);
        m_job.m_computeNanos += timer.nsecsElapsed();
        context.setStatus(QStringLiteral("races %1–%2").arg(first + 1).arg(last));
        m_job.m_queue->push(std::move(rows));
        QString error;
        if (!m_job.drain(context, error)) {
            context.abortJob(error);
            return UnitOutcome::Failed;
        }
        return UnitOutcome::Done;
    }

private:
    FeatureJob& m_job;
    FeatureCalculator m_calculator;
};

nlohmann::json FeatureRunSummary::toJson() const
{
    return {
        { "races", races },
        { "runners", runners },
        { "workers", workers },
        { "seconds", seconds },
        { "stages", { { "read", stages.read }, { "compute", stages.compute }, { "write", stages.write } } },
        { "races_skipped",
            { { "bad_date", skippedBadDate }, { "abandoned", skippedAbandoned }, { "no_results", skippedNoResults } } },
        { "status", jobStatusName(status).toStdString() },
    };
}

QString FeatureRunSummary::warning() const
{
    if (skippedBadDate == 0)
        return {};
    return QStringLiteral("%1 race%2 skipped: the date is not YYYY-MM-DD (first: %3)")
        .arg(skippedBadDate)
        .arg(skippedBadDate == 1 ? QString() : QStringLiteral("s"), badDateExample);
}

FeatureJob::FeatureJob(FeatureSettings settings)
    : m_settings(std::move(settings))
    , m_queue(std::make_unique<WriteQueue>())
{
}

FeatureJob::~FeatureJob() = default;

bool FeatureJob::prepare(UnitContext& context, QString& error)
{
    // The run records itself (with its error, if it cannot start), whichever shell started it.
    if (!m_settings.workspace.isEmpty()) {
        const auto workspace = Workspace::open(m_settings.workspace, error);
        if (!workspace)
            return false;
        m_record.emplace(*workspace, QStringLiteral("features"));
        if (!m_record->begin(m_settings.toJson(), error))
            return false;
    }
    if (prepareRun(context, error))
        return true;
    QString ignored; // the run's own error is the one to report
    endRecord(context, error, ignored);
    return false;
}

bool FeatureJob::endRecord(UnitContext& context, const QString& failure, QString& error)
{
    if (!m_record)
        return true;
    JobResult result;
    result.workers = context.workers();
    result.status = JobRecord::status(context, failure);
    return m_record->end(context, summary(result).toJson(), failure, error);
}

bool FeatureJob::prepareRun(UnitContext& context, QString& error)
{
    QElapsedTimer timer;
    timer.start();
    if (error = m_settings.validate(); !error.isEmpty())
        return false;
    if (error = RaceDbReader::validate(m_settings.database); !error.isEmpty())
        return false;
    context.setStatus(QStringLiteral("reading %1").arg(m_settings.database));
    m_data = std::make_unique<RaceData>();
    if (!RaceDbReader::read(m_settings.database, m_settings.limit, *m_data, error))
        return false;
    if (context.isCanceled())
        return true; // no unit will run; finish() writes nothing
    context.setStatus(QStringLiteral("indexing %1 races").arg(m_data->races.size()));
    m_index = std::make_unique<HistoryIndex>(*m_data);
    m_raceCount = qint64(m_data->races.size());
    m_writer = FeatureWriter::open(m_settings.targetDatabase(), error);
    if (!m_writer || !m_writer->begin(qint64(m_data->entries.size()), error))
        return false;
    m_readSeconds = timer.nsecsElapsed() / 1e9;
    return true;
}

qint64 FeatureJob::unitCount() const
{
    return (m_raceCount + m_settings.batchSize - 1) / m_settings.batchSize;
}

qint64 FeatureJob::unitWeight(qint64 unit) const
{
    return std::min<qint64>(m_settings.batchSize, m_raceCount - unit * m_settings.batchSize);
}

std::unique_ptr<JobWorker> FeatureJob::createWorker(int)
{
    return std::make_unique<Worker>(*this);
}

bool FeatureJob::drain(UnitContext& context, QString& error)
{
    // Keep draining while batches arrive: a batch pushed while another worker held the
    // writer lock is picked up by that worker's next loop, never stranded.
    while (m_queue->hasPending()) {
        std::unique_lock writer(m_queue->writerMutex, std::try_to_lock);
        if (!writer.owns_lock())
            return true;
        std::vector<FeatureRow> rows;
        while (m_queue->pop(rows)) {
            if (!m_writer->write(*m_data, rows, error))
                return false;
            context.addItems(qint64(rows.size()));
            if (!rows.empty())
                m_queue->racesWritten += qint64(rows.back().race - rows.front().race + 1);
        }
    }
    return true;
}

bool FeatureJob::finish(UnitContext& context, QString& error)
{
    const bool written = commitRows(context, error);
    QString recordError;
    if (!endRecord(context, written ? QString() : error, recordError) && written) {
        error = recordError;
        return false;
    }
    return written;
}

bool FeatureJob::commitRows(UnitContext& context, QString& error)
{
    if (!m_writer)
        return true;
    std::lock_guard writer(m_queue->writerMutex);
    std::vector<FeatureRow> rows;
    while (m_queue->pop(rows)) {
        if (!m_writer->write(*m_data, rows, error)) {
            m_writer->rollback();
            return false;
        }
        context.addItems(qint64(rows.size()));
        if (!rows.empty())
            m_queue->racesWritten += qint64(rows.back().race - rows.front().race + 1);
    }
    if (!m_writer->commit(error)) {
        m_writer->rollback();
        return false;
    }
    return true;
}

FeatureRunSummary FeatureJob::summary(const JobResult& result) const
{
    FeatureRunSummary summary;
    summary.races = m_queue->racesWritten;
    summary.runners = m_writer ? m_writer->rowsWritten() : 0;
    summary.workers = result.workers;
    summary.seconds = result.seconds;
    summary.stages.read = m_readSeconds;
    summary.stages.compute = double(m_computeNanos) / 1e9 / std::max(1, result.workers);
    summary.stages.write = m_writer ? m_writer->seconds() : 0;
    summary.status = result.status;
    summary.error = result.error;
    if (m_data) {
        summary.skippedBadDate = m_data->racesWithBadDate;
        summary.skippedAbandoned = m_data->abandonedRaces;
        summary.skippedNoResults = m_data->racesWithoutResults;
        if (m_data->racesWithBadDate > 0)
            summary.badDateExample = QStringLiteral("race %1, date '%2'")
                                         .arg(QString::fromStdString(m_data->firstBadDateRace),
                                             QString::fromStdString(m_data->firstBadDate));
    }
    return summary;
}

FeatureRunSummary runFeatureJob(const FeatureSettings& settings, JobEngine& engine)
{
    auto job = std::make_shared<FeatureJob>(settings);
    engine.setWorkers(settings.workers);
    const JobResult result = engine.run(job);
    return job->summary(result);
}

} // namespace bfs
