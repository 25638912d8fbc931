#pragma once

#include <QString>

namespace bfs {

class HitRateStats;

enum class DecisionLabel { Exceptional, Strong, Marginal, Inconclusive, NotProfitable };
enum class Readiness { Ready, Partial, Waiting };

// Phase 5's go / no-go label and the seed's readiness check (evaluation.md).
class Decision {
public:
    static DecisionLabel decide(const HitRateStats& stats);
    // ready at coverage ≥ 70 %, partial at ≥ 50 %, waiting below. Shown, never blocking.
    static Readiness readiness(double coverage);

    static QString name(DecisionLabel label); // "EXCEPTIONAL", …
    static QString name(Readiness readiness); // "ready", "partial", "waiting"
    // One sentence for a tile or report.
    static QString explanation(DecisionLabel label);
};

} // namespace bfs
