#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace bfs {

// What a feature-generation run is asked to do (features.md). Built by the Features
// screen or the CLI, validated before anything is read or written.
struct FeatureSettings {
    QString database; // input race database (SQLite)
    QString outputDatabase; // empty: write `features` into the input database
    int workers = 1; // 1…64
    qint64 limit = 0; // first N eligible races in (date, race_id) order; 0 = all
    int batchSize = 500; // races per unit of work
    QString workspace; // the workspace whose run history records the run; empty: none

    static constexpr int TestModeLimit = 100; // --test

    // Empty when valid; otherwise a message naming the bad value.
    QString validate() const;
    QString targetDatabase() const { return outputDatabase.isEmpty() ? database : outputDatabase; }
    nlohmann::json toJson() const; // for the run history
};

// Seconds spent per stage. Read and write are single-threaded (SQLite); compute is
// summed wall time of the compute stage, which overlaps the writer.
struct StageTimings {
    double read = 0;
    double compute = 0;
    double write = 0;
};

} // namespace bfs
