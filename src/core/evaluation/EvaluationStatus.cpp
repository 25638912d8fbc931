#include "EvaluationStatus.h"

#include "storage/DbConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

std::optional<EvaluationStatus> EvaluationStatus::compute(const DbConnection& connection, QString& error)
{
    // A prediction has a line exactly when at least one row matches it: the matcher
    // keeps every bookmaker's latest snapshot, so any row yields a consensus. One scan of
    // betting_lines gives the (date, player) pairs that have lines; at most one matches a
    // prediction, so the join counts each prediction once.
    QSqlQuery query(connection.db());
    if (!query.exec(
            QStringLiteral("WITH lined AS (SELECT DISTINCT game_date, player_lookup FROM betting_lines "
                           "WHERE market = 'pitcher_strikeouts') "
                           "SELECT COUNT(*), COUNT(l.player_lookup) FROM predictions p "
                           "LEFT JOIN lined l ON l.game_date = p.game_date AND l.player_lookup = p.player_lookup"))
        || !query.next()) {
        error = QStringLiteral("cannot count matched predictions: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    EvaluationStatus status;
    status.total = query.value(0).toInt();
    status.matched = query.value(1).toInt();
    return status;
}

} // namespace bfs
