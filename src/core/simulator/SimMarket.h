#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace bfs::sim {

// One player-prop market the simulator prices (odds-api.md: the MLB player props the
// real API serves). The ranges keep the lines plausible: a player's per-game mean is
// drawn in [meanLow, meanHigh], the points books hang stay in [pointLow, pointHigh].
// pitcher_strikeouts is listed for completeness but keeps its own, older generator in
// SimulatedSeason so its bytes never change for a seed.
struct SimMarket {
    QString key;
    bool batter = false; // priced for the lineups' batters instead of the starters
    double meanLow = 0;
    double meanHigh = 0;
    double pointLow = 0.5;
    double pointHigh = 0.5;

    // Every market the simulator accepts, in the order a response lists them.
    static const QList<SimMarket>& all();
    static const SimMarket* find(const QString& key);
    static QStringList keys(bool batter);
};

} // namespace bfs::sim
