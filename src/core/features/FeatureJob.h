#pragma once

#include "features/FeatureSettings.h"
#include "jobs/Job.h"
#include "jobs/JobProgress.h"
#include "storage/JobRecord.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <optional>

namespace bfs {

class FeatureWriter;
class HistoryIndex;
struct RaceData;

// The numbers `features --json` prints (cli.md) and the Features screen shows.
struct FeatureRunSummary {
    qint64 races = 0; // eligible races processed
    qint64 runners = 0; // feature rows written
    int workers = 0;
    double seconds = 0;
    StageTimings stages;
    // Races the reader left out, by reason (`races_skipped` in the JSON).
    qint64 skippedBadDate = 0; // date is not YYYY-MM-DD
    qint64 skippedAbandoned = 0; // is_abandoned = 1
    qint64 skippedNoResults = 0; // no results rows
    QString badDateExample; // "race R1, date '2024/05/01'"
    JobStatus status = JobStatus::Completed;
    QString error;

    nlohmann::json toJson() const;
    // Empty, or a sentence for the user about races that were skipped for a bad date (the
    // other reasons are the definition of an eligible race, features.md).
    QString warning() const;
};

// Feature generation as a Job: prepare() validates the layout, reads the race
// database and builds the per-entity history index (read stage); each unit computes
// one batch of races (compute stage) and hands its rows to the single writer, which
// whichever worker finishes a batch drains (write stage); finish() commits. Progress:
// done = races, items = runners written. Cancel leaves every race either fully
// rewritten or untouched.
class FeatureJob final : public Job {
public:
    explicit FeatureJob(FeatureSettings settings);
    ~FeatureJob() override;

    bool prepare(UnitContext& context, QString& error) override;
    qint64 unitCount() const override;
    qint64 unitWeight(qint64 unit) const override;
    std::unique_ptr<JobWorker> createWorker(int workerIndex) override;
    bool finish(UnitContext& context, QString& error) override;

    const FeatureSettings& settings() const { return m_settings; }
    FeatureRunSummary summary(const JobResult& result) const;

private:
    class Worker;
    struct WriteQueue;
    bool drain(UnitContext& context, QString& error);
    bool prepareRun(UnitContext& context, QString& error);
    bool commitRows(UnitContext& context, QString& error);
    bool endRecord(UnitContext& context, const QString& failure, QString& error);

    FeatureSettings m_settings;
    std::unique_ptr<WriteQueue> m_queue;
    std::unique_ptr<RaceData> m_data;
    std::unique_ptr<HistoryIndex> m_index;
    std::unique_ptr<FeatureWriter> m_writer;
    qint64 m_raceCount = 0;
    double m_readSeconds = 0;
    std::atomic<qint64> m_computeNanos { 0 };
    std::optional<JobRecord> m_record; // with FeatureSettings::workspace
};

// Blocking helper for the CLI and tests: runs a FeatureJob on `engine`.
FeatureRunSummary runFeatureJob(const FeatureSettings& settings, class JobEngine& engine);

} // namespace bfs
