// The "Depth" keys of evaluate --json (evaluation.md): accuracy, by_pitcher, bankroll,
// kelly_fraction, recommended_min_edge and market_comparison, against values computed by hand
// from the spec. The evaluator cases run phases 3–5 on rows in memory (Evaluator::match), the
// same code that Evaluator::load feeds from the database.
#include "evaluation/EvaluationReport.h"
#include "evaluation/Evaluator.h"
#include "evaluation/NameNormalizer.h"

#include <QTest>

#include <cmath>

using namespace bfs;

Q_DECLARE_METATYPE(std::vector<bool>)
using Records = QList<QPair<int, int>>; // wins, losses per pitcher

namespace {

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

#define QVERIFY_NEAR(actual, expected)                                                                                 \
    QVERIFY2(near((actual), (expected)),                                                                               \
        qPrintable(QStringLiteral("%1 = %2, expected %3")                                                              \
                       .arg(QStringLiteral(#actual))                                                                   \
                       .arg((actual), 0, 'g', 12)                                                                      \
                       .arg(expected, 0, 'g', 12)))

constexpr double Win = 100.0 / 110.0;

Prediction prediction(int line, const char* date, const char* name, double predicted, std::optional<int> actual)
{
    Prediction p;
    p.lineNumber = line;
    p.gameDate = QDate::fromString(QLatin1String(date), Qt::ISODate);
    p.pitcherName = QString::fromUtf8(name);
    p.playerLookup = normalizePlayerName(p.pitcherName);
    p.predictedStrikeouts = predicted;
    p.actualStrikeouts = actual;
    return p;
}

std::pair<QString, BettingLineRow> row(const char* date, const char* lookup, const char* bookmaker, double point,
    std::optional<int> over, std::optional<int> under)
{
    BettingLineRow r;
    r.bookmaker = QLatin1String(bookmaker);
    r.point = point;
    r.overPrice = over;
    r.underPrice = under;
    if (over)
        r.overProb = americanToProbability(*over);
    if (under)
        r.underProb = americanToProbability(*under);
    r.snapshotTime = QStringLiteral("2024-05-01T22:00:00Z");
    return { Evaluator::matchKey(QLatin1String(date), QLatin1String(lookup)), r };
}

// Seven predictions at min edge 0.5, in file order:
//  0 Charlie C 05-02 2.5 vs 3.5, actual 2 → UNDER WIN
//  1 Alpha A   05-01 6.5 vs 5.5, actual 7 → OVER WIN
//  2 Bravo B   05-01 6.5 vs 6.0, actual 6 → OVER PUSH
//  3 Alpha A Jr. (same lookup) 05-02 5.5 vs 4.5, actual 4 → OVER LOSS (its line has no under price)
//  4 Bravo B   05-01 4.0 vs 6.0, actual 8 → UNDER LOSS
//  5 Delta D   05-03 5.0, no line, actual 3 → NO_LINE (counts for accuracy only)
//  6 Alpha A   05-01 5.7 vs 5.5, no actual → PASS
EvaluationReport fixtureReport()
{
    std::vector<Prediction> predictions {
        prediction(2, "2024-05-02", "Charlie C", 2.5, 2),
        prediction(3, "2024-05-01", "Alpha A", 6.5, 7),
        prediction(4, "2024-05-01", "Bravo B", 6.5, 6),
        prediction(5, "2024-05-02", "Alpha A Jr.", 5.5, 4),
        prediction(6, "2024-05-01", "Bravo B", 4.0, 8),
        prediction(7, "2024-05-03", "Delta D", 5.0, 3),
        prediction(8, "2024-05-01", "Alpha A", 5.7, std::nullopt),
    };
    const std::vector<std::pair<QString, BettingLineRow>> rows {
        row("2024-05-01", "alphaa", "dk", 5.5, -110, -110),
        row("2024-05-01", "alphaa", "fd", 5.5, 100, -120),
        row("2024-05-01", "bravob", "dk", 6.0, -110, -110),
        row("2024-05-02", "alphaa", "dk", 4.5, -110, std::nullopt),
        row("2024-05-02", "charliec", "dk", 3.5, 120, -140),
    };
    return Evaluator::evaluate(Evaluator::match(std::move(predictions), rows), 0.5);
}

std::vector<Bankroll::Bet> bets(const std::vector<bool>& outcomes)
{
    std::vector<Bankroll::Bet> list;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        list.push_back({ QDate(2024, 5, 1).addDays(qint64(i)), QStringLiteral("p"), int(i), outcomes[i] });
    return list;
}

HitRateStats stats(int wins, int losses)
{
    HitRateStats s;
    for (int i = 0; i < wins; ++i)
        s.addWin(1 + Win);
    for (int i = 0; i < losses; ++i)
        s.addLoss();
    return s;
}

} // namespace

class TestEvaluationDepth final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixtureResults()
    {
        // The grades the depth cases below rest on.
        const auto report = fixtureReport();
        const std::vector<BetResult> expected { BetResult::Win, BetResult::Win, BetResult::Push, BetResult::Loss,
            BetResult::Loss, BetResult::NoLine, BetResult::Pass };
        QCOMPARE(report.matches.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(int(report.matches[i].result), int(expected[i]));
    }

    void accuracy()
    {
        // Errors of the six predictions with an actual (the NO_LINE one included, the one
        // without an actual not): 0.5, −0.5, 0.5, 1.5, −4, 2.
        const auto json = fixtureReport().toJson()["accuracy"];
        QCOMPARE(json["n"].get<int>(), 6);
        QVERIFY_NEAR(json["mae"].get<double>(), 9.0 / 6);
        QVERIFY_NEAR(json["rmse"].get<double>(), std::sqrt(23.0 / 6));
        QVERIFY_NEAR(json["bias"].get<double>(), 0.0);
        QVERIFY_NEAR(json["within_1"].get<double>(), 3.0 / 6);
        QVERIFY_NEAR(json["within_2"].get<double>(), 5.0 / 6);
        QVERIFY_NEAR(json["within_3"].get<double>(), 5.0 / 6);
    }

    void accuracyPointsByActual()
    {
        const auto points = fixtureReport().accuracy.byActual();
        QCOMPARE(points.size(), std::size_t(6)); // actuals 2, 3, 4, 6, 7, 8
        QCOMPARE(points.front().actual, 2);
        QCOMPARE(points.front().meanPredicted, 2.5);
        QCOMPARE(points.back().actual, 8);
        QCOMPARE(points.back().n, 1);
    }

    void byPitcher()
    {
        const auto list = fixtureReport().toJson()["by_pitcher"];
        // Delta D has no won-or-lost bet; Alpha A (2 bets) first, then n = 1 by player_lookup.
        QCOMPARE(list.size(), std::size_t(3));
        QCOMPARE(list[0]["player_lookup"].get<std::string>(), "alphaa");
        QCOMPARE(list[1]["player_lookup"].get<std::string>(), "bravob");
        QCOMPARE(list[2]["player_lookup"].get<std::string>(), "charliec");

        const auto& alpha = list[0];
        QCOMPARE(alpha["pitcher_name"].get<std::string>(), "Alpha A"); // first spelling kept, not "Alpha A Jr."
        QCOMPARE(alpha["n"].get<int>(), 2);
        QCOMPARE(alpha["wins"].get<int>(), 1);
        QCOMPARE(alpha["losses"].get<int>(), 1);
        QVERIFY_NEAR(alpha["hit_rate"].get<double>(), 0.5);
        QVERIFY_NEAR(alpha["roi_110"].get<double>(), (Win - 1) / 2);
        QCOMPARE(alpha["over"].get<int>(), 2);
        QCOMPARE(alpha["under"].get<int>(), 0);
        QVERIFY_NEAR(alpha["bias"].get<double>(), 0.5); // (−0.5 + 1.5) / 2; the PASS has no actual

        const auto& bravo = list[1]; // its push is not a bet here, but its error counts for bias
        QCOMPARE(bravo["n"].get<int>(), 1);
        QCOMPARE(bravo["losses"].get<int>(), 1);
        QCOMPARE(bravo["under"].get<int>(), 1);
        QCOMPARE(bravo["over"].get<int>(), 0);
        QVERIFY_NEAR(bravo["roi_110"].get<double>(), -1.0);
        QVERIFY_NEAR(bravo["bias"].get<double>(), (0.5 - 4.0) / 2);
    }

    void pitcherVerdicts_data()
    {
        // Each pitcher as wins-losses; the expected verdicts in the same order (N none, B bet, A avoid).
        QTest::addColumn<Records>("records");
        QTest::addColumn<QString>("verdicts");
        using R = Records;
        QTest::newRow("too few bets") << R { { 9, 0 } } << QStringLiteral("N");
        QTest::newRow("8 of 10 alone: p 0.040") << R { { 8, 2 } } << QStringLiteral("B");
        QTest::newRow("7 of 10: not clearly") << R { { 7, 3 } } << QStringLiteral("N");
        QTest::newRow("1 of 10 alone: avoid") << R { { 1, 9 } } << QStringLiteral("A");
        QTest::newRow("3 of 10: not clearly") << R { { 3, 7 } } << QStringLiteral("N");
        // Among 20 pitchers, p 0.040 is what noise gives one of them: BH needs p ≤ 1/20 · 0.05.
        R crowd { { 8, 2 } };
        for (int i = 0; i < 19; ++i)
            crowd.append({ 5, 5 });
        QTest::newRow("8 of 10 among 20: noise") << crowd << QStringLiteral("N") + QString(19, u'N');
        crowd[0] = { 10, 0 }; // p 0.0013 ≤ 0.0025
        QTest::newRow("10 of 10 among 20: bet") << crowd << QStringLiteral("B") + QString(19, u'N');
        // Step-up: the 2nd smallest p (0.040) passes 2/2 · 0.05, so both are discoveries.
        QTest::newRow("step-up keeps both") << R { { 10, 0 }, { 8, 2 } } << QStringLiteral("BB");
        QTest::newRow("a small pitcher is not tested") << R { { 10, 0 }, { 0, 5 } } << QStringLiteral("BN");
    }

    void pitcherVerdicts()
    {
        QFETCH(Records, records);
        QFETCH(QString, verdicts);
        std::vector<PitcherResult> pitchers(std::size_t(records.size()));
        for (qsizetype i = 0; i < records.size(); ++i)
            pitchers[std::size_t(i)].stats = stats(records[i].first, records[i].second);
        PitcherResult::assignVerdicts(pitchers);
        QString got;
        for (const auto& pitcher : pitchers)
            got += pitcher.verdict() == PitcherResult::Verdict::Bet  ? u'B'
                : pitcher.verdict() == PitcherResult::Verdict::Avoid ? u'A'
                                                                     : u'N';
        QCOMPARE(got, verdicts);
    }

    void bankrollOfTheFixture()
    {
        // Order: (05-01 alphaa W) (05-01 bravob L) (05-02 alphaa L) (05-02 charliec W); the push is
        // left out. Path 0.909, −0.091, −1.091, −0.182: the drawdown falls 2 from the first peak.
        const auto report = fixtureReport();
        const auto json = report.toJson()["bankroll"];
        QVERIFY_NEAR(json["units"].get<double>(), 2 * Win - 2);
        QVERIFY_NEAR(json["max_drawdown"].get<double>(), 2.0);
        QCOMPARE(json["longest_winning_streak"].get<int>(), 1);
        QCOMPARE(json["longest_losing_streak"].get<int>(), 2);
        QCOMPARE(report.bankroll.path.size(), std::size_t(4));
        QCOMPARE(report.bankroll.drawdownPeak, 0);
        QCOMPARE(report.bankroll.drawdownTrough, 2);
    }

    void bankroll_data()
    {
        QTest::addColumn<std::vector<bool>>("outcomes");
        QTest::addColumn<double>("units");
        QTest::addColumn<double>("drawdown");
        QTest::addColumn<int>("winning");
        QTest::addColumn<int>("losing");
        QTest::addColumn<int>("peak");
        QTest::newRow("empty") << std::vector<bool> {} << 0.0 << 0.0 << 0 << 0 << -1;
        QTest::newRow("first bet lost: the peak is the start")
            << std::vector<bool> { false, true } << Win - 1 << 1.0 << 1 << 1 << -1;
        QTest::newRow("only wins") << std::vector<bool> { true, true, true } << 3 * Win << 0.0 << 3 << 0 << -1;
        QTest::newRow("later, deeper fall")
            << std::vector<bool> { true, false, true, true, false, false, false } << 3 * Win - 4 << 3.0 << 2 << 3 << 3;
    }

    void bankroll()
    {
        QFETCH(std::vector<bool>, outcomes);
        QFETCH(double, units);
        QFETCH(double, drawdown);
        QFETCH(int, winning);
        QFETCH(int, losing);
        QFETCH(int, peak);
        const auto bankroll = Bankroll::of(bets(outcomes));
        QVERIFY_NEAR(bankroll.units, units);
        QVERIFY_NEAR(bankroll.maxDrawdown, drawdown);
        QCOMPARE(bankroll.longestWinningStreak, winning);
        QCOMPARE(bankroll.longestLosingStreak, losing);
        QCOMPARE(bankroll.drawdownPeak, peak);
    }

    void bankrollOrderIsDateThenPitcherThenFile()
    {
        // Given out of order; the walk is 05-01 a (W), 05-01 b line 1 (L), 05-01 b line 5 (W), 05-02 a (L).
        std::vector<Bankroll::Bet> list {
            { QDate(2024, 5, 2), QStringLiteral("a"), 0, false },
            { QDate(2024, 5, 1), QStringLiteral("b"), 5, true },
            { QDate(2024, 5, 1), QStringLiteral("b"), 1, false },
            { QDate(2024, 5, 1), QStringLiteral("a"), 9, true },
        };
        const auto bankroll = Bankroll::of(std::move(list));
        QCOMPARE(bankroll.path.size(), std::size_t(4));
        QVERIFY_NEAR(bankroll.path[0], Win);
        QVERIFY_NEAR(bankroll.path[1], Win - 1);
        QVERIFY_NEAR(bankroll.path[2], 2 * Win - 1);
        QVERIFY_NEAR(bankroll.path[3], 2 * Win - 2);
        QCOMPARE(bankroll.dates.back(), QDate(2024, 5, 2));
    }

    void kellyFraction_data()
    {
        QTest::addColumn<int>("wins");
        QTest::addColumn<int>("losses");
        QTest::addColumn<double>("kelly");
        // (p·b − (1 − p)) / b with b = 100/110
        QTest::newRow("60 %") << 6 << 4 << (0.6 * Win - 0.4) / Win; // 0.16
        QTest::newRow("break-even: 0") << 11 << 10 << 0.0;
        QTest::newRow("below break-even: 0, not negative") << 4 << 6 << 0.0;
    }

    void kellyFraction()
    {
        QFETCH(int, wins);
        QFETCH(int, losses);
        QFETCH(double, kelly);
        EvaluationReport report;
        report.overall = stats(wins, losses);
        QVERIFY(report.kellyFraction());
        QVERIFY_NEAR(*report.kellyFraction(), kelly);
    }

    void kellyExcludesPushes()
    {
        // The fixture: 2 wins, 2 losses and a push → p = 0.5 (not 2/5), below break-even → 0.
        const auto report = fixtureReport();
        QCOMPARE(report.overall.pushes(), 1);
        QVERIFY_NEAR(report.toJson()["kelly_fraction"].get<double>(), 0.0);
        EvaluationReport pushOnly;
        pushOnly.overall.addPush();
        QVERIFY(pushOnly.toJson()["kelly_fraction"].is_null());
    }

    void recommendedMinEdge_data()
    {
        QTest::addColumn<QList<int>>("wins"); // per sweep row 0, 0.25, 0.5, 0.75
        QTest::addColumn<QList<int>>("losses");
        QTest::addColumn<double>("expected"); // −1: null
        // roi_110 = (w·100/110 − l)/n
        QTest::newRow("highest ROI among n ≥ 50")
            << QList<int> { 35, 32, 29, 40 } << QList<int> { 35, 23, 21, 5 } << 0.25;
        QTest::newRow("tie → the lower min edge")
            << QList<int> { 30, 33, 33, 40 } << QList<int> { 30, 22, 22, 5 } << 0.25;
        QTest::newRow("n = 49 does not count") << QList<int> { 30, 40, 40, 40 } << QList<int> { 30, 9, 9, 9 } << 0.0;
        QTest::newRow("exactly 50 counts") << QList<int> { 30, 40, 40, 40 } << QList<int> { 30, 10, 9, 9 } << 0.25;
        QTest::newRow("no row has 50 bets") << QList<int> { 20, 10, 5, 1 } << QList<int> { 20, 10, 5, 1 } << -1.0;
    }

    void recommendedMinEdge()
    {
        QFETCH(QList<int>, wins);
        QFETCH(QList<int>, losses);
        QFETCH(double, expected);
        EvaluationReport report;
        for (int i = 0; i < wins.size(); ++i)
            report.thresholdSweep.push_back({ i * Evaluator::SweepStep, stats(wins[i], losses[i]) });
        const auto json = report.toJson()["recommended_min_edge"];
        if (expected < 0)
            QVERIFY(json.is_null());
        else
            QCOMPARE(json.get<double>(), expected);
    }

    void poissonOver_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("line");
        QTest::addColumn<double>("over");
        QTest::newRow("half line: 1 − e^−2") << 2.0 << 0.5 << 1 - std::exp(-2.0);
        QTest::newRow("λ 5, 4.5") << 5.0 << 4.5 << 0.5595067149;
        // Whole line: P(K > 5) / (1 − P(K = 5)) = 0.384039 / 0.824533
        QTest::newRow("λ 5, whole 5: push removed") << 5.0 << 5.0 << 0.4657660972;
        QTest::newRow("λ 7.2, whole 6") << 7.2 << 6.0 << 0.6775172713;
        QTest::newRow("λ 0 gives 0") << 0.0 << 0.5 << 0.0;
        QTest::newRow("λ < 0 gives 0") << -1.0 << 4.5 << 0.0;
        QTest::newRow("λ 0, whole 0 gives 0") << 0.0 << 0.0 << 0.0;
        QTest::newRow("large λ does not underflow") << 800.0 << 4.5 << 1.0;
    }

    void poissonOver()
    {
        QFETCH(double, lambda);
        QFETCH(double, line);
        QFETCH(double, over);
        QVERIFY_NEAR(MarketComparison::poissonOver(lambda, line), over);
    }

    void marketComparisonOfTheFixture()
    {
        // Three bets count; Alpha A's 05-02 line (4.5) has no bookmaker with both prices.
        //  Charlie UNDER 3.5, won: model 1 − P(K > 3.5 | 2.5) = 0.757576; market 1 − 0.437956 (+120/−140)
        //  Alpha OVER 5.5, won: model 0.630959; market mean(0.5, 0.478261) = 0.489130 (−110/−110, +100/−120)
        //  Bravo UNDER 6 (whole), lost: model 1 − 0.123547 = 0.876453; market 0.5
        const auto json = fixtureReport().toJson()["market_comparison"];
        QCOMPARE(json["n"].get<int>(), 3);
        QVERIFY_NEAR(json["brier_model"].get<double>(), 0.3210433824);
        QVERIFY_NEAR(json["brier_market"].get<double>(), 0.2342644499);
        QCOMPARE(json["beats_market"].get<bool>(), false);
    }

    void marketComparisonCalibration()
    {
        MarketComparison market;
        market.add(0.95, 0.5, true);
        market.add(1.0, 0.5, false); // 1.0 goes in the last bin
        market.add(0.05, 0.55, false);
        QCOMPARE(market.n(), 3);
        QVERIFY_NEAR(*market.brierModel(), (0.0025 + 1.0 + 0.0025) / 3);
        QVERIFY_NEAR(*market.brierMarket(), (0.25 + 0.25 + 0.3025) / 3);
        QCOMPARE(market.beatsMarket(), false);
        QCOMPARE(market.modelCalibration()[9].n, 2);
        QCOMPARE(*market.modelCalibration()[9].winRate(), 0.5);
        QVERIFY_NEAR(*market.modelCalibration()[9].meanProbability(), 0.975);
        QCOMPARE(market.modelCalibration()[0].n, 1);
        QCOMPARE(market.marketCalibration()[5].n, 3);
        QVERIFY(!market.marketCalibration()[4].winRate());

        MarketComparison sharper;
        sharper.add(0.7, 0.55, true);
        sharper.add(0.3, 0.45, false);
        QCOMPARE(sharper.beatsMarket(), true);
    }

    void emptyInputs()
    {
        const auto json = Evaluator::evaluate(Evaluator::match({}, {}), 0.5).toJson();
        QCOMPARE(json["accuracy"]["n"].get<int>(), 0);
        for (const char* key : { "mae", "rmse", "bias", "within_1", "within_2", "within_3" })
            QVERIFY2(json["accuracy"][key].is_null(), key);
        QVERIFY(json["by_pitcher"].is_array() && json["by_pitcher"].empty());
        QCOMPARE(json["bankroll"]["units"].get<double>(), 0.0);
        QCOMPARE(json["bankroll"]["max_drawdown"].get<double>(), 0.0);
        QCOMPARE(json["bankroll"]["longest_winning_streak"].get<int>(), 0);
        QCOMPARE(json["bankroll"]["longest_losing_streak"].get<int>(), 0);
        QVERIFY(json["kelly_fraction"].is_null());
        QVERIFY(json["recommended_min_edge"].is_null());
        QCOMPARE(json["market_comparison"]["n"].get<int>(), 0);
        QVERIFY(json["market_comparison"]["brier_model"].is_null());
        QVERIFY(json["market_comparison"]["brier_market"].is_null());
        QCOMPARE(json["market_comparison"]["beats_market"].get<bool>(), false);
    }

    void summaryJsonKeepsTheDepth()
    {
        // The run history keeps summaryJson(): the depth keys are part of it.
        const auto json = fixtureReport().summaryJson();
        for (const char* key :
            { "accuracy", "by_pitcher", "bankroll", "kelly_fraction", "recommended_min_edge", "market_comparison" })
            QVERIFY2(json.contains(key), key);
    }
};

QTEST_APPLESS_MAIN(TestEvaluationDepth)
#include "tst_evaluationdepth.moc"
