#pragma once

#include "features/FeatureSettings.h"

#include <QList>

#include <nlohmann/json.hpp>

#include <functional>

namespace bfs {

struct BenchmarkSettings {
    QString database;
    QList<int> workers { 1, 2 };
    qint64 limit = 0;
    int repeat = 1; // best of K runs per worker count
    int batchSize = 500;
    QString workspace; // the workspace whose run history records the benchmark; empty: none

    nlohmann::json toJson() const; // for the run history
};

struct BenchmarkRow {
    int workers = 0;
    double seconds = 0;
    double speedup = 0; // seconds(1 worker of this call, or the first row) / seconds
    double efficiency = 0; // speedup / workers
    StageTimings stages;
};

struct BenchmarkResult {
    QList<BenchmarkRow> runs;
    QString error; // non-empty: the benchmark stopped
    nlohmann::json toJson() const;
};

// Runs the same feature job with each worker count in turn, writing into a temporary
// output database so the user's `features` table is never touched. `onRow` sees each
// row as it is measured and returns false to stop. The benchmark records its own run
// ("benchmark-features") in `settings.workspace`, whichever shell started it.
BenchmarkResult runFeatureBenchmark(
    const BenchmarkSettings& settings, const std::function<bool(const BenchmarkRow&)>& onRow = {});

} // namespace bfs
