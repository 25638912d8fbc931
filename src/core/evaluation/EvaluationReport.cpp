#include "EvaluationReport.h"

#include <QStringList>

namespace bfs {

namespace {

nlohmann::json optionalNumber(std::optional<double> value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json groups(const std::vector<EvaluationReport::Group>& list)
{
    auto object = nlohmann::json::object();
    for (const auto& group : list)
        object[group.key.toStdString()] = group.stats.toJson();
    return object;
}

} // namespace

const QStringList& EvaluationReport::edgeBucketLabels()
{
    static const QStringList labels { QStringLiteral("[0,0.5)"), QStringLiteral("[0.5,1)"), QStringLiteral("[1,1.5)"),
        QStringLiteral("[1.5,2)"), QStringLiteral("[2,inf)") };
    return labels;
}

int EvaluationReport::edgeBucket(double absoluteEdge)
{
    if (absoluteEdge < 0.5)
        return 0;
    if (absoluteEdge < 1.0)
        return 1;
    if (absoluteEdge < 1.5)
        return 2;
    if (absoluteEdge < 2.0)
        return 3;
    return 4;
}

nlohmann::json EvaluationReport::toJson() const
{
    nlohmann::json json;
    json["min_edge"] = minEdge;
    json["predictions"] = predictions;
    json["with_line"] = withLine;
    json["coverage"] = coverage();
    json["bets"] = bets();
    json["n"] = overall.n();
    json["wins"] = overall.wins();
    json["losses"] = overall.losses();
    json["pushes"] = overall.pushes();
    json["passes"] = passes;
    json["no_line"] = noLine;
    json["ungraded"] = ungraded;
    json["hit_rate"] = optionalNumber(overall.hitRate());
    json["wilson_low"] = optionalNumber(overall.wilsonLow());
    json["wilson_high"] = optionalNumber(overall.wilsonHigh());
    json["breakeven"] = HitRateStats::Breakeven;
    json["z"] = optionalNumber(overall.z());
    json["p_value"] = optionalNumber(overall.pValue());
    json["significant"] = overall.significant();
    json["roi_110"] = optionalNumber(overall.roi110());
    json["roi_market"] = optionalNumber(overall.roiMarket());
    json["decision"] = Decision::name(decision()).toStdString();
    json["readiness"] = Decision::name(readiness()).toStdString();
    json["by_side"] = groups(bySide);
    json["by_edge_bucket"] = groups(byEdgeBucket);
    json["by_month"] = groups(byMonth);
    json["by_bookmaker"] = groups(byBookmaker);

    auto sweep = nlohmann::json::array();
    for (const auto& point : thresholdSweep) {
        auto entry = point.stats.toJson();
        entry["min_edge"] = point.minEdge;
        sweep.push_back(std::move(entry));
    }
    json["threshold_sweep"] = std::move(sweep);

    auto cumulativeJson = nlohmann::json::array();
    for (const auto& point : cumulative) {
        cumulativeJson.push_back(
            { { "date", point.date.toString(Qt::ISODate).toStdString() }, { "n", point.wins + point.losses },
                { "wins", point.wins }, { "losses", point.losses }, { "hit_rate", point.hitRate() } });
    }
    json["cumulative"] = std::move(cumulativeJson);

    auto matchList = nlohmann::json::array();
    for (const auto& match : matches) {
        nlohmann::json entry;
        entry["game_date"] = match.gameDate.toString(Qt::ISODate).toStdString();
        entry["pitcher_name"] = match.pitcherName.toStdString();
        entry["player_lookup"] = match.playerLookup.toStdString();
        entry["line"] = optionalNumber(match.line);
        entry["edge"] = optionalNumber(match.edge);
        entry["recommendation"] = match.recommendation
            ? nlohmann::json(Grader::name(*match.recommendation).toStdString())
            : nlohmann::json(nullptr);
        entry["result"] = Grader::name(match.result).toStdString();
        entry["predicted_strikeouts"] = match.predicted;
        entry["actual_strikeouts"] = match.actual ? nlohmann::json(*match.actual) : nlohmann::json(nullptr);
        entry["bookmakers"] = match.bookmakers;
        matchList.push_back(std::move(entry));
    }
    json["matches"] = std::move(matchList);
    return json;
}

nlohmann::json EvaluationReport::summaryJson() const
{
    auto json = toJson();
    json.erase("matches");
    json.erase("cumulative");
    return json;
}

} // namespace bfs
