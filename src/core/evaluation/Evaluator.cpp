#include "Evaluator.h"

#include "evaluation/LineMatcher.h"
#include "evaluation/PredictionStore.h"
#include "storage/DbConnection.h"
#include "storage/JobRecord.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <map>

namespace bfs {

namespace {

// A −110 win, used for a market ROI bet when no kept bookmaker prices that side.
constexpr double MinusOneTenDecimal = 1.0 + 100.0 / 110.0;

// Edges are differences of decimal numbers (7.3 − 6.5 = 0.7999…); rounding to a
// millionth makes "edge exactly = min_edge" behave as the user wrote it.
double roundedEdge(double predicted, double line)
{
    return std::round((predicted - line) * 1e6) / 1e6;
}

void addResult(HitRateStats& stats, BetResult result, std::optional<double> decimalPrice)
{
    switch (result) {
    case BetResult::Win:
        stats.addWin(decimalPrice.value_or(MinusOneTenDecimal));
        break;
    case BetResult::Loss:
        stats.addLoss();
        break;
    case BetResult::Push:
        stats.addPush();
        break;
    default:
        break;
    }
}

bool isGradedBet(BetResult result)
{
    return result == BetResult::Win || result == BetResult::Loss || result == BetResult::Push;
}

std::optional<double> bookPrice(const BookmakerLine& book, Recommendation side)
{
    const auto price = side == Recommendation::Over ? book.overPrice : book.underPrice;
    if (!price || *price == 0)
        return std::nullopt;
    return americanToDecimal(*price);
}

std::optional<int> optionalInt(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
}

std::optional<double> optionalDouble(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

} // namespace

bool Evaluator::recordRun(
    const Workspace& workspace, const EvaluationReport& report, const QString& importedFrom, QString& error)
{
    const nlohmann::json config { { "min_edge", report.minEdge },
        { "predictions",
            importedFrom.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(importedFrom.toStdString()) } };
    JobRecord record(workspace, QStringLiteral("evaluate"));
    return record.begin(config, error) && record.end(JobStatus::Completed, report.summaryJson(), error);
}

QString Evaluator::matchKey(const QString& gameDate, const QString& playerLookup)
{
    return gameDate + u'|' + playerLookup;
}

std::optional<Evaluator::Input> Evaluator::load(const DbConnection& connection, QString& error)
{
    auto predictions = PredictionStore::load(connection, error);
    if (!predictions)
        return std::nullopt;
    // One query for every line any prediction can match (the semi-join uses the
    // predictions_match index), instead of one query per prediction.
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT b.game_date, b.player_lookup, b.bookmaker, b.point, b.over_price, b.under_price, "
                           "b.over_implied_prob, b.under_implied_prob, b.snapshot_time FROM betting_lines b "
                           "WHERE b.market = 'pitcher_strikeouts' AND EXISTS (SELECT 1 FROM predictions p "
                           "WHERE p.game_date = b.game_date AND p.player_lookup = b.player_lookup)"))) {
        error = QStringLiteral("cannot read betting lines: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    std::vector<std::pair<QString, BettingLineRow>> rows;
    while (query.next()) {
        BettingLineRow row;
        row.bookmaker = query.value(2).toString();
        row.point = query.value(3).toDouble();
        row.overPrice = optionalInt(query.value(4));
        row.underPrice = optionalInt(query.value(5));
        row.overProb = optionalDouble(query.value(6));
        row.underProb = optionalDouble(query.value(7));
        row.snapshotTime = query.value(8).toString();
        rows.emplace_back(matchKey(query.value(0).toString(), query.value(1).toString()), std::move(row));
    }
    return match(std::move(*predictions), rows);
}

Evaluator::Input Evaluator::match(
    std::vector<Prediction> predictions, const std::vector<std::pair<QString, BettingLineRow>>& keyedRows)
{
    QHash<QString, std::vector<BettingLineRow>> byKey;
    for (const auto& [key, row] : keyedRows)
        byKey[key].push_back(row);
    Input input;
    QHash<QString, int> lineOfKey; // each key is matched once, however many predictions share it
    input.lineIndex.reserve(predictions.size());
    for (const auto& prediction : predictions) {
        const QString key = matchKey(prediction.gameDate.toString(Qt::ISODate), prediction.playerLookup);
        auto known = lineOfKey.constFind(key);
        if (known == lineOfKey.cend()) {
            int index = Input::NoLine;
            const auto rows = byKey.constFind(key);
            if (rows != byKey.cend()) {
                if (auto line = LineMatcher::match(*rows)) {
                    index = int(input.lines.size());
                    input.lines.push_back(std::move(*line));
                }
            }
            known = lineOfKey.insert(key, index);
        }
        input.lineIndex.push_back(*known);
    }
    input.predictions = std::move(predictions);
    return input;
}

EvaluationReport Evaluator::evaluate(const Input& input, double minEdge)
{
    EvaluationReport report;
    report.minEdge = minEdge;
    report.predictions = int(input.predictions.size());
    report.matches.reserve(input.predictions.size());

    std::map<QString, HitRateStats> sides { { QStringLiteral("OVER"), {} }, { QStringLiteral("UNDER"), {} } };
    std::vector<HitRateStats> buckets(EvaluationReport::edgeBucketLabels().size());
    std::map<QString, HitRateStats> months, bookmakers;
    std::map<QDate, std::pair<int, int>> daily; // wins, losses
    const int sweepSteps = int(std::lround(SweepMax / SweepStep)) + 1;
    std::vector<HitRateStats> sweep(sweepSteps);
    // Depth: per player_lookup, its first spelling, its bets and the errors of its predictions.
    struct PitcherSums {
        PitcherResult result;
        int withActual = 0;
        double sumError = 0;
    };
    QHash<QString, PitcherSums> pitchers;
    std::vector<Bankroll::Bet> bankrollBets;

    for (std::size_t i = 0; i < input.predictions.size(); ++i) {
        const Prediction& p = input.predictions[i];
        const MatchedLine* line = input.line(i);
        EvaluationReport::Match match;
        match.lineNumber = p.lineNumber;
        match.gameDate = p.gameDate;
        match.pitcherName = p.pitcherName;
        match.playerLookup = p.playerLookup;
        match.team = p.team;
        match.predicted = p.predictedStrikeouts;
        match.actual = p.actualStrikeouts;
        match.recommendation = p.recommendation;
        auto pitcher = pitchers.find(p.playerLookup);
        if (pitcher == pitchers.end()) {
            pitcher = pitchers.insert(p.playerLookup, {});
            pitcher->result.playerLookup = p.playerLookup;
            pitcher->result.pitcherName = p.pitcherName;
        }
        if (p.actualStrikeouts) {
            report.accuracy.add(p.predictedStrikeouts, *p.actualStrikeouts);
            ++pitcher->withActual;
            pitcher->sumError += p.predictedStrikeouts - *p.actualStrikeouts;
        }
        if (!line) {
            match.result = BetResult::NoLine;
            ++report.noLine;
            report.matches.push_back(std::move(match));
            continue;
        }
        ++report.withLine;
        const double edge = roundedEdge(p.predictedStrikeouts, line->consensus);
        const Recommendation recommendation = p.recommendation.value_or(Grader::recommend(edge, minEdge));
        match.line = line->consensus;
        match.edge = edge;
        match.recommendation = recommendation;
        match.bookmakers = int(line->books.size());
        match.result = Grader::grade(line->consensus, recommendation, p.actualStrikeouts);
        if (match.result == BetResult::Pass)
            ++report.passes;
        else if (match.result == BetResult::Ungraded)
            ++report.ungraded;

        if (isGradedBet(match.result)) {
            const auto price = line->consensusDecimalPrice(recommendation);
            addResult(report.overall, match.result, price);
            addResult(sides[Grader::name(recommendation)], match.result, price);
            addResult(buckets[EvaluationReport::edgeBucket(std::abs(edge))], match.result, price);
            addResult(months[p.gameDate.toString(QStringLiteral("yyyy-MM"))], match.result, price);
            if (match.result != BetResult::Push) {
                const bool won = match.result == BetResult::Win;
                auto& day = daily[p.gameDate];
                (won ? day.first : day.second) += 1;
                addResult(pitcher->result.stats, match.result, price);
                ++(recommendation == Recommendation::Over ? pitcher->result.over : pitcher->result.under);
                bankrollBets.push_back({ p.gameDate, p.playerLookup, int(i), won });
                if (const auto marketOver = line->noVigOverProbability()) {
                    const double modelOver = MarketComparison::poissonOver(p.predictedStrikeouts, line->consensus);
                    const bool over = recommendation == Recommendation::Over;
                    report.market.add(over ? modelOver : 1.0 - modelOver, over ? *marketOver : 1.0 - *marketOver, won);
                }
            }
        }

        // Each bookmaker graded against its own kept point.
        for (const auto& book : line->books) {
            const double bookEdge = roundedEdge(p.predictedStrikeouts, book.point);
            const Recommendation bookSide = p.recommendation.value_or(Grader::recommend(bookEdge, minEdge));
            const BetResult bookResult = Grader::grade(book.point, bookSide, p.actualStrikeouts);
            auto& bookStats = bookmakers[book.bookmaker]; // listed even before its first graded bet
            if (isGradedBet(bookResult))
                addResult(bookStats, bookResult, bookPrice(book, bookSide));
        }

        // Threshold sweep: a derived recommendation is re-derived at each threshold; a
        // given one is kept while |edge| reaches the threshold (a filter on the model's picks).
        for (int step = 0; step < sweepSteps; ++step) {
            const double threshold = step * SweepStep;
            Recommendation side;
            if (p.recommendation)
                side = std::abs(edge) >= threshold ? *p.recommendation : Recommendation::Pass;
            else
                side = Grader::recommend(edge, threshold);
            const BetResult result = Grader::grade(line->consensus, side, p.actualStrikeouts);
            if (isGradedBet(result))
                addResult(sweep[step], result, line->consensusDecimalPrice(side));
        }
        report.matches.push_back(std::move(match));
    }

    for (const auto& [key, stats] : sides)
        report.bySide.push_back({ key, stats });
    for (std::size_t b = 0; b < buckets.size(); ++b)
        report.byEdgeBucket.push_back({ EvaluationReport::edgeBucketLabels().at(qsizetype(b)), buckets[b] });
    for (const auto& [key, stats] : months)
        report.byMonth.push_back({ key, stats });
    for (const auto& [key, stats] : bookmakers)
        report.byBookmaker.push_back({ key, stats });
    int wins = 0, losses = 0;
    for (const auto& [date, counts] : daily) {
        wins += counts.first;
        losses += counts.second;
        report.cumulative.push_back({ date, wins, losses });
    }
    for (int step = 0; step < sweepSteps; ++step)
        report.thresholdSweep.push_back({ step * SweepStep, sweep[step] });

    for (auto& sums : pitchers) {
        if (sums.result.stats.n() == 0)
            continue;
        if (sums.withActual)
            sums.result.bias = sums.sumError / sums.withActual;
        report.byPitcher.push_back(std::move(sums.result));
    }
    std::sort(report.byPitcher.begin(), report.byPitcher.end(), [](const PitcherResult& a, const PitcherResult& b) {
        return a.stats.n() != b.stats.n() ? a.stats.n() > b.stats.n() : a.playerLookup < b.playerLookup;
    });
    PitcherResult::assignVerdicts(report.byPitcher);
    report.bankroll = Bankroll::of(std::move(bankrollBets));
    return report;
}

} // namespace bfs
