#pragma once

#include "evaluation/Prediction.h"

#include <QDate>
#include <QString>

#include <vector>

namespace bfs {

// Demo predictions for the simulator's pitchers (sim::SimulatedSeason of the same
// seed), with their actual strikeouts, so a demo workspace shows a real hit rate: the
// "model" is a noisy estimate that leans a little towards the real result, which
// beats the simulator's lines roughly 55–58 % of the time. A few names are written
// the way other sources write them (no accents, a dropped "Jr.", capitals) so the
// demo exercises name normalisation too. Deterministic for (seed, start, end).
class SamplePredictions {
public:
    static std::vector<Prediction> generate(quint64 seed, QDate start, QDate end);
    // The CSV a model would export (evaluation.md's columns, header included).
    static QByteArray toCsv(const std::vector<Prediction>& predictions);
};

} // namespace bfs
