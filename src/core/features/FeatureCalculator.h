#pragma once

#include "features/FeatureRow.h"
#include "features/HistoryIndex.h"
#include "features/RaceData.h"

#include <vector>

namespace bfs {

// Computes the feature rows of one race (features.md), point in time: every history
// feature of a race on day D reads only runs on days < D. Stateless apart from the
// shared, immutable data and index, so any number of threads can use one instance.
class FeatureCalculator {
public:
    FeatureCalculator(const RaceData& data, const HistoryIndex& index);

    // Appends one row per results row of race `race` to `out`.
    void computeRace(uint32_t race, std::vector<FeatureRow>& out) const;

private:
    const RaceData& m_data;
    const HistoryIndex& m_index;
};

} // namespace bfs
