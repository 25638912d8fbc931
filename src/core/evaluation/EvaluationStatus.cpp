#include "EvaluationStatus.h"

#include "storage/DbConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

std::optional<EvaluationStatus> EvaluationStatus::compute(const DbConnection& connection, QString& error)
{
    // A prediction has a line exactly when at least one row matches it: the matcher
    // keeps every bookmaker's latest snapshot, so any row yields a consensus.
    QSqlQuery query(connection.db());
    if (!query.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM betting_lines b "
                                   "WHERE b.market = 'pitcher_strikeouts' AND b.game_date = p.game_date "
                                   "AND b.player_lookup = p.player_lookup) THEN 1 ELSE 0 END), 0) "
                                   "FROM predictions p"))
        || !query.next()) {
        error = QStringLiteral("cannot count matched predictions: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    EvaluationStatus status;
    status.total = query.value(0).toInt();
    status.matched = query.value(1).toInt();
    return status;
}

nlohmann::json EvaluationStatus::phase3Json() const
{
    return { { "done", matched }, { "total", total }, { "percent", total ? 100.0 * matched / total : 0.0 } };
}

void EvaluationStatus::addTo(nlohmann::json& summary) const
{
    summary["phase3"] = phase3Json();
    summary["coverage"] = coverage();
    summary["readiness"] = Decision::name(readiness()).toStdString();
}

} // namespace bfs
