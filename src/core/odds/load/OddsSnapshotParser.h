#pragma once

#include "odds/load/OddsPrices.h"
#include "odds/load/OddsSnapshot.h"

#include <QByteArrayView>
#include <QString>

namespace bfs {

// Parses one raw event-odds file, byte for byte as The Odds API returned it, into
// betting_lines rows (odds-api.md, phase 2):
// - Over and Under outcomes with the same player (player_lookup) and point, within one
//   bookmaker's market, become one row; a missing side stays empty (NULL). Outcomes
//   named neither Over nor Under (yes/no markets) are ignored.
// - Prices: with OddsFormat::Auto a response is taken as decimal when any of its prices
//   lies strictly between −100 and +100 (impossible in American odds; a response is
//   requested in one format, so the rule is per file), else American. Decimal prices
//   are converted to American; implied probabilities come from the American price.
// - game_date is commence_time's date in America/New_York; snapshot_time is the
//   top-level `timestamp` as written; last_update is the market's (else the
//   bookmaker's) last_update.
// A file that is not such a response (bad JSON, an events list, missing id /
// commence_time / timestamp, an outcome without price, point or description, an
// impossible price) is rejected as a whole with a reason; nothing of it is kept.
// Thread-safe: parsers run on several pool threads at once.
class OddsSnapshotParser {
public:
    explicit OddsSnapshotParser(OddsFormat format = OddsFormat::Auto, std::string fallbackSport = {});

    bool parse(QByteArrayView bytes, OddsSnapshot& out, QString& error) const;

private:
    OddsFormat m_format;
    std::string m_fallbackSport; // the raw/{sport}/ folder, for responses without sport_key
};

} // namespace bfs
