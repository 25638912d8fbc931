#pragma once

#include "evaluation/Grader.h"

#include <QDate>
#include <QString>

#include <optional>

namespace bfs {

// One row of the user's predictions file (evaluation.md), as imported and stored.
struct Prediction {
    int lineNumber = 0; // CSV line the row started on
    QDate gameDate;
    QString pitcherName;
    QString playerLookup;
    double predictedStrikeouts = 0;
    std::optional<int> actualStrikeouts;
    std::optional<Recommendation> recommendation; // nullopt: derive from the edge
    QString team;
};

} // namespace bfs
