// LineMatcher: phase 3's per-bookmaker selection and the consensus point.
#include "evaluation/LineMatcher.h"

#include <QTest>

using namespace bfs;

Q_DECLARE_METATYPE(std::vector<BettingLineRow>)

namespace {

constexpr auto Early = "2024-05-01T15:00:00Z";
constexpr auto Late = "2024-05-01T22:00:00Z";

BettingLineRow row(
    const char* bookmaker, double point, std::optional<int> over, std::optional<int> under, const char* snapshot = Late)
{
    BettingLineRow r;
    r.bookmaker = QString::fromLatin1(bookmaker);
    r.point = point;
    r.overPrice = over;
    r.underPrice = under;
    if (over)
        r.overProb = americanToProbability(*over);
    if (under)
        r.underProb = americanToProbability(*under);
    r.snapshotTime = QString::fromLatin1(snapshot);
    return r;
}

} // namespace

class TestLineMatcher final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void consensus_data()
    {
        QTest::addColumn<std::vector<BettingLineRow>>("rows");
        QTest::addColumn<bool>("hasLine");
        QTest::addColumn<double>("consensus");
        QTest::addColumn<QString>("keptPoints"); // bookmaker=point, by name

        QTest::newRow("no-rows") << std::vector<BettingLineRow> {} << false << 0.0 << QString();
        QTest::newRow("one-bookmaker") << std::vector { row("dk", 5.5, -110, -110) } << true << 5.5
                                       << QStringLiteral("dk=5.5");
        QTest::newRow("mode-wins") << std::vector { row("a", 5.5, -110, -110), row("b", 6.5, -110, -110),
            row("c", 6.5, -115, -105) }
                                   << true << 6.5 << QStringLiteral("a=5.5 b=6.5 c=6.5");
        QTest::newRow("tie-goes-to-lower-point") << std::vector { row("a", 6.5, -110, -110), row("b", 5.5, -110, -110) }
                                                 << true << 5.5 << QStringLiteral("a=6.5 b=5.5");
        QTest::newRow("three-way-tie-lowest")
            << std::vector { row("a", 7.5, -110, -110), row("b", 6.5, -110, -110), row("c", 5.5, -110, -110) } << true
            << 5.5 << QStringLiteral("a=7.5 b=6.5 c=5.5");
        // Alternate points: the one closest to even odds is the main line.
        QTest::newRow("alternate-points-main-is-closest")
            << std::vector { row("a", 4.5, -250, +190), row("a", 5.5, -115, -105), row("a", 6.5, +160, -200) } << true
            << 5.5 << QStringLiteral("a=5.5");
        QTest::newRow("alternate-tie-lower-point")
            << std::vector { row("a", 5.5, -120, +100), row("a", 6.5, +100, -120) } << true << 5.5
            << QStringLiteral("a=5.5");
        QTest::newRow("missing-side-is-farthest")
            << std::vector { row("a", 4.5, -110, std::nullopt), row("a", 5.5, -300, +240) } << true << 5.5
            << QStringLiteral("a=5.5");
        QTest::newRow("only-one-sided-points-lower-wins")
            << std::vector { row("a", 6.5, -110, std::nullopt), row("a", 5.5, std::nullopt, -110) } << true << 5.5
            << QStringLiteral("a=5.5");
        // Latest snapshot per bookmaker: an earlier snapshot's line is ignored even when
        // it would change the consensus.
        QTest::newRow("latest-snapshot-per-bookmaker")
            << std::vector { row("a", 4.5, -110, -110, Early), row("a", 5.5, -110, -110, Late),
                   row("b", 4.5, -110, -110, Early), row("b", 5.5, -110, -110, Late), row("c", 4.5, -110, -110, Early) }
            << true << 5.5 << QStringLiteral("a=5.5 b=5.5 c=4.5");
        QTest::newRow("latest-snapshot-beats-better-odds")
            << std::vector { row("a", 6.5, -110, -110, Early), row("a", 5.5, -200, +160, Late) } << true << 5.5
            << QStringLiteral("a=5.5");
        QTest::newRow("bookmakers-snapshots-independent") << std::vector { row("a", 6.5, -110, -110, Early),
            row("b", 5.5, -110, -110, Late), row("c", 6.5, -110, -110, Early) }
                                                          << true << 6.5 << QStringLiteral("a=6.5 b=5.5 c=6.5");
    }
    void consensus()
    {
        QFETCH(std::vector<BettingLineRow>, rows);
        QFETCH(bool, hasLine);
        QFETCH(double, consensus);
        QFETCH(QString, keptPoints);
        const auto matched = LineMatcher::match(rows);
        QCOMPARE(matched.has_value(), hasLine);
        if (!matched)
            return;
        QCOMPARE(matched->consensus, consensus);
        QStringList kept;
        for (const auto& book : matched->books)
            kept << QStringLiteral("%1=%2").arg(book.bookmaker).arg(book.point);
        QCOMPARE(kept.join(u' '), keptPoints);
    }

    void storedProbabilityWinsOverPrice()
    {
        // The loader's implied probabilities decide, not a re-derivation from prices.
        auto a = row("a", 5.5, -110, -110);
        a.overProb = 0.9;
        a.underProb = 0.1;
        auto b = row("a", 6.5, -200, +160);
        b.overProb = 0.5;
        b.underProb = 0.5;
        QCOMPARE(LineMatcher::match({ a, b })->consensus, 6.5);
    }

    void consensusDecimalPrice()
    {
        // Over: mean of 1 + 100/110 and 1 + 120/100 over the two books at 5.5; book c
        // at 6.5 is not on the consensus point. Under: only b quotes it.
        const auto matched = LineMatcher::match(
            { row("a", 5.5, -110, std::nullopt), row("b", 5.5, +120, -150), row("c", 6.5, +300, +300) });
        QVERIFY(matched);
        QCOMPARE(matched->consensus, 5.5);
        QCOMPARE(*matched->consensusDecimalPrice(Recommendation::Over), ((1 + 100.0 / 110) + 2.2) / 2);
        QCOMPARE(*matched->consensusDecimalPrice(Recommendation::Under), 1 + 100.0 / 150);
        const auto oneSided = LineMatcher::match({ row("a", 5.5, -110, std::nullopt) });
        QVERIFY(!oneSided->consensusDecimalPrice(Recommendation::Under));
    }

    void oddsConversions_data()
    {
        QTest::addColumn<int>("american");
        QTest::addColumn<double>("decimal");
        QTest::addColumn<double>("probability");
        QTest::newRow("+150") << 150 << 2.5 << 0.4;
        QTest::newRow("-110") << -110 << 1 + 100.0 / 110 << 110.0 / 210;
        QTest::newRow("+100") << 100 << 2.0 << 0.5;
        QTest::newRow("-200") << -200 << 1.5 << 2.0 / 3;
    }
    void oddsConversions()
    {
        QFETCH(int, american);
        QFETCH(double, decimal);
        QFETCH(double, probability);
        QCOMPARE(americanToDecimal(american), decimal);
        QCOMPARE(americanToProbability(american), probability);
    }
};

QTEST_GUILESS_MAIN(TestLineMatcher)
#include "tst_linematcher.moc"
