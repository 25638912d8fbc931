#pragma once

#include "evaluation/Prediction.h"

#include <QString>

#include <optional>
#include <vector>

namespace bfs {

class DbConnection;

// The workspace's one current prediction set (table `predictions`, 020_evaluation.sql).
class PredictionStore {
public:
    // Replaces the whole set in one transaction: either every row is stored or the
    // previous set is kept.
    static bool replace(const DbConnection& connection, const std::vector<Prediction>& predictions,
        const QString& source, QString& error);
    // The stored set in file order; nullopt + error when the database cannot be read.
    static std::optional<std::vector<Prediction>> load(const DbConnection& connection, QString& error);
    // The file the current set came from, or empty when none was imported.
    static QString source(const DbConnection& connection);
};

} // namespace bfs
