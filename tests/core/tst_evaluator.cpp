// Evaluator over a real workspace: phases 3–5 end to end on a small hand-checked fixture.
#include "evaluation/EvaluationStatus.h"
#include "evaluation/Evaluator.h"
#include "evaluation/PredictionImporter.h"
#include "storage/Workspace.h"

#include "TestSupport.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;

namespace bfs {
char* toString(BetResult value)
{
    return qstrdup(qPrintable(Grader::name(value)));
}
} // namespace bfs

namespace {

QString lineRow(const char* date, const char* lookup, const char* bookmaker, double point, const char* over,
    const char* under, const char* snapshot = "2024-05-01T22:00:00Z", const char* market = "pitcher_strikeouts")
{
    return QStringLiteral("INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, bookmaker, "
                          "player_name, player_lookup, point, over_price, under_price, snapshot_time) VALUES "
                          "('baseball_mlb', '%1', '%2', 'e-%3', '%2T23:05:00Z', '%4', '%3', '%3', %5, %6, %7, '%8')")
        .arg(QLatin1String(market), QLatin1String(date), QLatin1String(lookup), QLatin1String(bookmaker))
        .arg(point)
        .arg(QLatin1String(over), QLatin1String(under), QLatin1String(snapshot));
}

const EvaluationReport::Group* group(const std::vector<EvaluationReport::Group>& groups, const char* key)
{
    for (const auto& g : groups) {
        if (g.key == QLatin1String(key))
            return &g;
    }
    return nullptr;
}

} // namespace

class TestEvaluator final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<Workspace> m_workspace;
    std::optional<Evaluator::Input> m_input;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_workspace = Workspace::open(m_dir.path(), error);
        QVERIFY2(m_workspace, qPrintable(error));
        const QStringList rows {
            // Gerrit Cole 05-01: dk and fd at 5.5, mgm at 6.5 → consensus 5.5. dk's earlier
            // 7.5 and another market's row must not count.
            lineRow("2024-05-01", "gerritcole", "dk", 7.5, "-110", "-110", "2024-05-01T15:00:00Z"),
            lineRow("2024-05-01", "gerritcole", "dk", 5.5, "-110", "-110"),
            lineRow("2024-05-01", "gerritcole", "fd", 5.5, "100", "-120"),
            lineRow("2024-05-01", "gerritcole", "mgm", 6.5, "-110", "-110"),
            lineRow("2024-05-01", "gerritcole", "dk", 17.5, "-110", "-110", "2024-05-01T22:00:00Z", "pitcher_outs"),
            lineRow("2024-05-02", "gerritcole", "dk", 9.5, "-110", "-110"), // other date: no prediction
            lineRow("2024-05-01", "chrissale", "dk", 6.0, "-110", "-110"),
            lineRow("2024-05-02", "joseberrios", "dk", 4.5, "120", "-140"),
            lineRow("2024-06-03", "lancemccullers", "dk", 5.5, "-110", "-110"),
        };
        QCOMPARE(test::execSql(m_workspace->databasePath(), rows.join(QStringLiteral(";\n"))), QString());

        QFile csv(m_dir.filePath(QStringLiteral("predictions.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("game_date,pitcher_name,predicted_strikeouts,actual_strikeouts,recommendation\n"
                  "2024-05-01,Gerrit Cole,6.5,7,\n" // edge 1.0 OVER → WIN
                  "2024-05-01,Chris Sale,6.5,6,\n" // edge 0.5 exactly OVER, 6 on a 6.0 line → PUSH
                  "2024-05-02,Jose Berrios,3.5,3,\n" // written without accents; edge −1 UNDER → WIN
                  "2024-06-03,Lance McCullers,5.9,7,\n" // edge 0.4 → PASS
                  "2024-06-03,Lance McCullers Jr.,4.8,7,UNDER\n" // given UNDER → LOSS
                  "2024-06-03,Unknown Guy,5,5,\n" // → NO_LINE
                  "2024-06-03,Lance McCullers,7.0,,\n"); // edge 1.5 OVER, no actual → UNGRADED
        csv.close();
        const auto connection = m_workspace->connect(error);
        QCOMPARE(PredictionImporter::importFile(csv.fileName(), connection, error), 7);
        m_input = Evaluator::load(connection, error);
        QVERIFY2(m_input, qPrintable(error));
    }

    void matchesAndResults()
    {
        const auto report = Evaluator::evaluate(*m_input, 0.5);
        QCOMPARE(report.predictions, 7);
        QCOMPARE(report.withLine, 6);
        QCOMPARE(report.coverage(), 6.0 / 7);
        const std::vector<BetResult> expected { BetResult::Win, BetResult::Push, BetResult::Win, BetResult::Pass,
            BetResult::Loss, BetResult::NoLine, BetResult::Ungraded };
        QCOMPARE(report.matches.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(report.matches[i].result, expected[i]);
        QCOMPARE(*report.matches[0].line, 5.5);
        QCOMPARE(report.matches[0].bookmakers, 3);
        QCOMPARE(*report.matches[1].edge, 0.5);
        QCOMPARE(*report.matches[4].recommendation, Recommendation::Under);
        QCOMPARE(*report.matches[4].edge, -0.7);
        QVERIFY(!report.matches[5].line && !report.matches[5].edge && !report.matches[5].recommendation);
        QCOMPARE(report.matches[5].playerLookup, QStringLiteral("unknownguy"));
        QCOMPARE(report.passes, 1);
        QCOMPARE(report.noLine, 1);
        QCOMPARE(report.ungraded, 1);
    }

    void statistics()
    {
        const auto report = Evaluator::evaluate(*m_input, 0.5);
        const auto& s = report.overall;
        QCOMPARE(s.wins(), 2);
        QCOMPARE(s.losses(), 1);
        QCOMPARE(s.pushes(), 1);
        QCOMPARE(report.bets(), 4);
        QCOMPARE(*s.hitRate(), 2.0 / 3);
        // roi_110 = (2·100/110 − 1)/3 = 0.272727
        QVERIFY(qAbs(*s.roi110() - 0.2727273) < 1e-6);
        // Cole's OVER: mean of dk −110 (1.909091) and fd +100 (2.0) = 1.954545; mgm is not on
        // the consensus point. Berríos' UNDER at −140: 1.714286. (0.954545 + 0.714286 − 1)/3 = 0.222944
        QVERIFY2(qAbs(*s.roiMarket() - 0.2229437) < 1e-6, qPrintable(QString::number(*s.roiMarket())));
    }

    void splits()
    {
        const auto report = Evaluator::evaluate(*m_input, 0.5);
        const auto* over = group(report.bySide, "OVER");
        const auto* under = group(report.bySide, "UNDER");
        QVERIFY(over && under);
        QCOMPARE(over->stats.wins(), 1);
        QCOMPARE(over->stats.pushes(), 1);
        QCOMPARE(under->stats.wins(), 1);
        QCOMPARE(under->stats.losses(), 1);

        QCOMPARE(report.byEdgeBucket.size(), std::size_t(5));
        QCOMPARE(group(report.byEdgeBucket, "[1,1.5)")->stats.wins(), 2);
        QCOMPARE(group(report.byEdgeBucket, "[0.5,1)")->stats.losses(), 1);
        QCOMPARE(group(report.byEdgeBucket, "[0.5,1)")->stats.pushes(), 1);
        QCOMPARE(group(report.byEdgeBucket, "[0,0.5)")->stats.n(), 0);

        QCOMPARE(report.byMonth.size(), std::size_t(2));
        QCOMPARE(group(report.byMonth, "2024-05")->stats.wins(), 2);
        QCOMPARE(group(report.byMonth, "2024-06")->stats.losses(), 1);

        // Each bookmaker against its own point: mgm's 6.5 gives Cole an edge of 0 → PASS.
        const auto* dk = group(report.byBookmaker, "dk");
        const auto* fd = group(report.byBookmaker, "fd");
        QVERIFY(dk && fd);
        QVERIFY(group(report.byBookmaker, "mgm"));
        QCOMPARE(group(report.byBookmaker, "mgm")->stats.n(), 0);
        QCOMPARE(dk->stats.wins(), 2);
        QCOMPARE(dk->stats.losses(), 1);
        QCOMPARE(dk->stats.pushes(), 1);
        QCOMPARE(fd->stats.wins(), 1);
        QCOMPARE(*fd->stats.roiMarket(), 1.0); // +100 pays 1:1

        QCOMPARE(report.cumulative.size(), std::size_t(3));
        QCOMPARE(report.cumulative[0].date, QDate(2024, 5, 1));
        QCOMPARE(report.cumulative[0].wins, 1);
        QCOMPARE(report.cumulative[1].wins, 2);
        QCOMPARE(report.cumulative[2].losses, 1);
        QCOMPARE(report.cumulative[2].hitRate(), 2.0 / 3);
    }

    void thresholdSweep_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<int>("wins");
        QTest::addColumn<int>("losses");
        QTest::addColumn<int>("pushes");
        // 0: McCullers' 0.4 edge becomes an OVER and wins.
        QTest::newRow("0") << 0 << 3 << 1 << 1;
        QTest::newRow("0.5-same-as-report") << 2 << 2 << 1 << 1;
        // 0.75: Sale (0.5) passes; the given UNDER (|−0.7| < 0.75) is filtered out.
        QTest::newRow("0.75") << 3 << 2 << 0 << 0;
        QTest::newRow("1.0-inclusive") << 4 << 2 << 0 << 0;
        QTest::newRow("1.25-none") << 5 << 0 << 0 << 0;
        QTest::newRow("3") << 12 << 0 << 0 << 0;
    }
    void thresholdSweep()
    {
        QFETCH(int, step);
        QFETCH(int, wins);
        QFETCH(int, losses);
        QFETCH(int, pushes);
        const auto report = Evaluator::evaluate(*m_input, 0.5);
        QCOMPARE(report.thresholdSweep.size(), std::size_t(13));
        const auto& point = report.thresholdSweep[std::size_t(step)];
        QCOMPARE(point.minEdge, step * 0.25);
        QCOMPARE(point.stats.wins(), wins);
        QCOMPARE(point.stats.losses(), losses);
        QCOMPARE(point.stats.pushes(), pushes);
    }

    void minEdgeChangesDerivedOnly()
    {
        const auto report = Evaluator::evaluate(*m_input, 1.0);
        QCOMPARE(report.matches[1].result, BetResult::Pass); // Sale: 0.5 < 1
        QCOMPARE(report.matches[4].result, BetResult::Loss); // given UNDER stays
        QCOMPARE(report.passes, 2);
        QCOMPARE(report.overall.wins(), 2);
        QCOMPARE(report.overall.losses(), 1);
        QCOMPARE(report.overall.pushes(), 0);
    }

    void decimalEdgesMeetTheBoundary_data()
    {
        QTest::addColumn<double>("predicted");
        QTest::addColumn<double>("line");
        QTest::addColumn<double>("minEdge");
        QTest::addColumn<BetResult>("expected");
        // 5.8 − 5.5 is 0.2999… in binary; the user wrote an edge of exactly 0.3.
        QTest::newRow("5.8-5.5-at-0.3-is-over-winning-at-6") << 5.8 << 5.5 << 0.3 << BetResult::Win;
        QTest::newRow("5.2-5.5-at-0.3-is-under-losing-at-6") << 5.2 << 5.5 << 0.3 << BetResult::Loss;
        QTest::newRow("7.3-6.5-at-0.8-is-over-losing-at-6") << 7.3 << 6.5 << 0.8 << BetResult::Loss;
        QTest::newRow("5.79-5.5-at-0.3-is-pass") << 5.79 << 5.5 << 0.3 << BetResult::Pass;
    }
    void decimalEdgesMeetTheBoundary()
    {
        QFETCH(double, predicted);
        QFETCH(double, line);
        QFETCH(double, minEdge);
        QFETCH(BetResult, expected);
        Prediction p;
        p.gameDate = QDate(2024, 5, 1);
        p.pitcherName = QStringLiteral("A Pitcher");
        p.playerLookup = QStringLiteral("apitcher");
        p.predictedStrikeouts = predicted;
        p.actualStrikeouts = 6;
        BettingLineRow row;
        row.bookmaker = QStringLiteral("dk");
        row.point = line;
        row.overPrice = row.underPrice = -110;
        row.snapshotTime = QStringLiteral("2024-05-01T22:00:00Z");
        const auto input
            = Evaluator::match({ p }, { { Evaluator::matchKey(QStringLiteral("2024-05-01"), p.playerLookup), row } });
        QCOMPARE(Evaluator::evaluate(input, minEdge).matches.front().result, expected);
    }

    void jsonCarriesEveryKey()
    {
        const auto json = Evaluator::evaluate(*m_input, 0.5).toJson();
        for (const char* key : { "predictions", "with_line", "coverage", "bets", "wins", "losses", "pushes", "passes",
                 "no_line", "ungraded", "hit_rate", "wilson_low", "wilson_high", "breakeven", "z", "p_value",
                 "significant", "roi_110", "roi_market", "decision", "readiness", "by_side", "by_edge_bucket",
                 "by_month", "by_bookmaker", "threshold_sweep", "matches" })
            QVERIFY2(json.contains(key), key);
        QCOMPARE(json["decision"].get<std::string>(), std::string("INCONCLUSIVE"));
        QCOMPARE(json["readiness"].get<std::string>(), std::string("ready"));
        QCOMPARE(json["matches"][1]["result"].get<std::string>(), std::string("PUSH"));
        QVERIFY(json["matches"][5]["line"].is_null());
    }

    // The CLI streams `evaluate --json` through writeJson: it must be toJson().dump(2) byte for
    // byte. The fixture's matches hold every result kind (WIN, PUSH, PASS, LOSS, NO_LINE,
    // UNGRADED) and nulls (no line, no edge, no recommendation, no actual).
    void streamedJsonIsToJson_data()
    {
        QTest::addColumn<double>("minEdge");
        QTest::addColumn<bool>("withMatches");
        QTest::newRow("fixture-0.5") << 0.5 << true;
        QTest::newRow("fixture-1.0") << 1.0 << true;
        QTest::newRow("fixture-0") << 0.0 << true;
        QTest::newRow("no-matches") << 0.5 << false;
    }
    void streamedJsonIsToJson()
    {
        QFETCH(double, minEdge);
        QFETCH(bool, withMatches);
        auto report = Evaluator::evaluate(*m_input, minEdge);
        if (!withMatches)
            report.matches.clear();
        else
            QCOMPARE(report.matches.size(), std::size_t(7));
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(report.writeJson(buffer));
        const std::string streamed = buffer.data().toStdString();
        const nlohmann::json tree = report.toJson();
        QVERIFY(nlohmann::json::parse(streamed) == tree);
        QVERIFY2(streamed == tree.dump(2), streamed.c_str());
    }

    void streamedJsonOfAnEmptyReport()
    {
        const EvaluationReport report;
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(report.writeJson(buffer));
        QVERIFY2(buffer.data().toStdString() == report.toJson().dump(2), buffer.data().constData());
    }

    void summaryJsonHasNoLists()
    {
        const auto report = Evaluator::evaluate(*m_input, 0.5);
        auto expected = report.toJson();
        expected.erase("matches");
        expected.erase("cumulative");
        QVERIFY(report.summaryJson() == expected);
    }

    // Predictions of the same pitcher on the same day share one matched line.
    void samePitcherAndDayShareOneLine()
    {
        Prediction p;
        p.gameDate = QDate(2024, 5, 1);
        p.pitcherName = QStringLiteral("A Pitcher");
        p.playerLookup = QStringLiteral("apitcher");
        p.predictedStrikeouts = 6.5;
        p.actualStrikeouts = 7;
        Prediction other = p;
        other.playerLookup = QStringLiteral("nobody");
        Prediction nextDay = p;
        nextDay.gameDate = QDate(2024, 5, 2);
        nextDay.actualStrikeouts = 8;
        BettingLineRow row;
        row.bookmaker = QStringLiteral("dk");
        row.point = 5.5;
        row.overPrice = row.underPrice = -110;
        row.snapshotTime = QStringLiteral("2024-05-01T22:00:00Z");
        BettingLineRow nextRow = row;
        nextRow.point = 7.5;
        const auto input = Evaluator::match({ p, other, p, nextDay, p },
            { { Evaluator::matchKey(QStringLiteral("2024-05-01"), p.playerLookup), row },
                { Evaluator::matchKey(QStringLiteral("2024-05-02"), p.playerLookup), nextRow } });
        QCOMPARE(input.lines.size(), std::size_t(2));
        QCOMPARE(input.lineIndex, (std::vector<int> { 0, Evaluator::Input::NoLine, 0, 1, 0 }));
        QVERIFY(!input.line(1));
        QCOMPARE(input.line(3)->consensus, 7.5);
        const auto report = Evaluator::evaluate(input, 0.5);
        QCOMPARE(report.withLine, 4);
        QCOMPARE(report.noLine, 1);
        QCOMPARE(report.overall.wins(), 3); // 6.5 vs 5.5 OVER, 7 → WIN, three times
        QCOMPARE(report.overall.losses(), 1); // 6.5 vs 7.5 UNDER, 8 → LOSS
    }

    void status()
    {
        QString error;
        const auto connection = m_workspace->connect(error);
        const auto status = EvaluationStatus::compute(connection, error);
        QVERIFY2(status, qPrintable(error));
        QCOMPARE(status->matched, 6);
        QCOMPARE(status->total, 7);
        QVERIFY(qAbs(status->coverage() - 6.0 / 7) < 1e-12);
        QCOMPARE(status->readiness(), Readiness::Ready);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
