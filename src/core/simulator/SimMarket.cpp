#include "SimMarket.h"

namespace bfs::sim {

const QList<SimMarket>& SimMarket::all()
{
    // Means are per game; the points are what US books hang on those props (outs around
    // 16-18 for a starter, batters almost always at 0.5 or 1.5).
    static const QList<SimMarket> markets {
        { QStringLiteral("pitcher_strikeouts"), false, 3.6, 8.0, 4.5, 7.5 },
        { QStringLiteral("pitcher_outs"), false, 14.8, 19.0, 15.5, 18.5 },
        { QStringLiteral("pitcher_hits_allowed"), false, 4.2, 6.8, 4.5, 6.5 },
        { QStringLiteral("pitcher_walks"), false, 1.3, 2.8, 1.5, 2.5 },
        { QStringLiteral("pitcher_earned_runs"), false, 1.4, 3.6, 1.5, 3.5 },
        { QStringLiteral("batter_strikeouts"), true, 0.5, 1.6, 0.5, 1.5 },
        { QStringLiteral("batter_hits"), true, 0.6, 1.4, 0.5, 1.5 },
        { QStringLiteral("batter_walks"), true, 0.2, 0.6, 0.5, 0.5 },
        { QStringLiteral("batter_total_bases"), true, 1.0, 2.2, 1.5, 1.5 },
        { QStringLiteral("batter_home_runs"), true, 0.08, 0.28, 0.5, 0.5 },
        { QStringLiteral("batter_rbis"), true, 0.3, 0.8, 0.5, 0.5 },
    };
    return markets;
}

const SimMarket* SimMarket::find(const QString& key)
{
    for (const SimMarket& m : all()) {
        if (m.key == key)
            return &m;
    }
    return nullptr;
}

QStringList SimMarket::keys(bool batter)
{
    QStringList result;
    for (const SimMarket& m : all()) {
        if (m.batter == batter)
            result.append(m.key);
    }
    return result;
}

} // namespace bfs::sim
