#pragma once

#include "evaluation/Decision.h"

#include <QString>

#include <optional>

namespace bfs {

class DbConnection;

// Phase 3's line on the `status` dashboard (WorkspaceStatus): predictions with a line / all predictions,
// coverage and readiness. One COUNT query, so the dashboard stays cheap to refresh.
struct EvaluationStatus {
    int matched = 0;
    int total = 0;

    double coverage() const { return total ? double(matched) / total : 0.0; }
    Readiness readiness() const { return Decision::readiness(coverage()); }

    static std::optional<EvaluationStatus> compute(const DbConnection& connection, QString& error);
};

} // namespace bfs
