#include "EvaluationReport.h"

#include <QIODevice>
#include <QStringList>

#include <algorithm>
#include <string>

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

std::optional<double> EvaluationReport::kellyFraction() const
{
    const auto p = overall.hitRate();
    if (!p)
        return std::nullopt;
    constexpr double b = 100.0 / 110.0;
    return std::max(0.0, (*p * b - (1.0 - *p)) / b);
}

std::optional<double> EvaluationReport::recommendedMinEdge() const
{
    std::optional<double> best;
    double bestRoi = 0;
    for (const auto& point : thresholdSweep) { // ascending min edge: a tie keeps the lower
        const auto roi = point.stats.roi110();
        if (point.stats.n() < RecommendedMinBets || !roi)
            continue;
        if (!best || *roi > bestRoi) {
            best = point.minEdge;
            bestRoi = *roi;
        }
    }
    return best;
}

nlohmann::json EvaluationReport::summaryJson() const
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

    json["accuracy"] = accuracy.toJson();
    auto pitchers = nlohmann::json::array();
    for (const auto& pitcher : byPitcher)
        pitchers.push_back(pitcher.toJson());
    json["by_pitcher"] = std::move(pitchers);
    json["bankroll"] = bankroll.toJson();
    json["kelly_fraction"] = optionalNumber(kellyFraction());
    json["recommended_min_edge"] = optionalNumber(recommendedMinEdge());
    json["market_comparison"] = market.toJson();
    return json;
}

nlohmann::json EvaluationReport::matchJson(const Match& match)
{
    nlohmann::json entry;
    entry["game_date"] = match.gameDate.toString(Qt::ISODate).toStdString();
    entry["pitcher_name"] = match.pitcherName.toStdString();
    entry["player_lookup"] = match.playerLookup.toStdString();
    entry["line"] = optionalNumber(match.line);
    entry["edge"] = optionalNumber(match.edge);
    entry["recommendation"] = match.recommendation ? nlohmann::json(Grader::name(*match.recommendation).toStdString())
                                                   : nlohmann::json(nullptr);
    entry["result"] = Grader::name(match.result).toStdString();
    entry["predicted_strikeouts"] = match.predicted;
    entry["actual_strikeouts"] = match.actual ? nlohmann::json(*match.actual) : nlohmann::json(nullptr);
    entry["bookmakers"] = match.bookmakers;
    return entry;
}

namespace {

// toJson() without "matches", which holds a null in its place.
nlohmann::json withoutMatches(const EvaluationReport& report)
{
    auto json = report.summaryJson();
    auto cumulativeJson = nlohmann::json::array();
    for (const auto& point : report.cumulative) {
        cumulativeJson.push_back(
            { { "date", point.date.toString(Qt::ISODate).toStdString() }, { "n", point.wins + point.losses },
                { "wins", point.wins }, { "losses", point.losses }, { "hit_rate", point.hitRate() } });
    }
    json["cumulative"] = std::move(cumulativeJson);
    json["matches"] = nullptr;
    return json;
}

} // namespace

nlohmann::json EvaluationReport::toJson() const
{
    auto json = withoutMatches(*this);
    auto matchList = nlohmann::json::array();
    for (const auto& match : matches)
        matchList.push_back(matchJson(match));
    json["matches"] = std::move(matchList);
    return json;
}

bool EvaluationReport::writeJson(QIODevice& device) const
{
    // The document without the matches, dumped as dump(2) would; "matches" is a top-level key,
    // so its placeholder is the one line `  "matches": null` (nested keys are indented deeper,
    // and no string value holds a raw line break). The array is written in its place, element
    // by element, with dump(2)'s layout: "[\n", each element indented by 4 and separated by
    // ",\n", then "\n  ]"; an empty array is "[]".
    const std::string outline = withoutMatches(*this).dump(2);
    const std::string placeholder = "\n  \"matches\": null";
    const std::size_t at = outline.find(placeholder);
    if (at == std::string::npos)
        return false; // cannot happen: withoutMatches() always sets the key
    const std::size_t valueAt = at + placeholder.size() - 4; // where "null" starts

    std::string buffer;
    constexpr std::size_t FlushAt = 256 * 1024;
    auto flush = [&device, &buffer] {
        const bool ok = buffer.empty() || device.write(buffer.data(), qint64(buffer.size())) == qint64(buffer.size());
        buffer.clear();
        return ok;
    };
    buffer.append(outline, 0, valueAt);
    if (matches.empty()) {
        buffer += "[]";
    } else {
        buffer += "[\n";
        for (std::size_t i = 0; i < matches.size(); ++i) {
            const std::string element = matchJson(matches[i]).dump(2);
            std::size_t from = 0;
            for (std::size_t end = element.find('\n'); end != std::string::npos; end = element.find('\n', from)) {
                buffer += "    ";
                buffer.append(element, from, end + 1 - from);
                from = end + 1;
            }
            buffer += "    ";
            buffer.append(element, from, std::string::npos);
            buffer += i + 1 < matches.size() ? ",\n" : "\n  ]";
            if (buffer.size() >= FlushAt && !flush())
                return false;
        }
    }
    buffer.append(outline, valueAt + 4, std::string::npos);
    return flush();
}

} // namespace bfs
