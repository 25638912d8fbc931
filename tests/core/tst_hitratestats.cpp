// HitRateStats and Decision: phase 5's numbers against hand computations, every label.
#include "evaluation/Decision.h"
#include "evaluation/HitRateStats.h"

#include <QTest>

#include <cmath>

using namespace bfs;

namespace bfs {
char* toString(DecisionLabel value)
{
    return qstrdup(qPrintable(Decision::name(value)));
}
char* toString(Readiness value)
{
    return qstrdup(qPrintable(Decision::name(value)));
}
} // namespace bfs

namespace {

HitRateStats stats(int wins, int losses, int pushes = 0, double winPrice = 1 + 100.0 / 110)
{
    HitRateStats s;
    for (int i = 0; i < wins; ++i)
        s.addWin(winPrice);
    for (int i = 0; i < losses; ++i)
        s.addLoss();
    for (int i = 0; i < pushes; ++i)
        s.addPush();
    return s;
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

} // namespace

class TestHitRateStats final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handComputed_data()
    {
        QTest::addColumn<int>("wins");
        QTest::addColumn<int>("losses");
        QTest::addColumn<double>("wilsonLow");
        QTest::addColumn<double>("wilsonHigh");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("pValue");
        QTest::addColumn<double>("roi110");
        // z² = 1.959964² = 3.841459; breakeven b = 110/210 = 0.5238095, b(1−b) = 0.2494331.
        //
        // 60–40: n = 100, p = 0.6.
        //   centre = 0.6 + 3.841459/200 = 0.619207
        //   spread = 1.959964·sqrt(0.24/100 + 3.841459/40000) = 1.959964·0.0499604 = 0.097920
        //   denom  = 1 + 3.841459/100 = 1.038415
        //   low = 0.521287/1.038415 = 0.502003, high = 0.717127/1.038415 = 0.690599
        //   z = (0.6 − 0.5238095)/sqrt(0.2494331/100) = 0.0761905/0.0499433 = 1.525540
        //   p = 1 − Φ(1.525540) = 0.063562
        //   roi = (60·100/110 − 40)/100 = (54.545455 − 40)/100 = 0.145455
        QTest::newRow("60-40") << 60 << 40 << 0.502003 << 0.690599 << 1.525540 << 0.063562 << 0.145455;
        // 55–45: p = 0.55. centre = 0.569207; spread = 1.959964·sqrt(0.2475/100 + 0.0000960) = 0.099381
        //   low = 0.469826/1.038415 = 0.452446, high = 0.668588/1.038415 = 0.643855
        //   z = 0.0261905/0.0499433 = 0.524404, p = 1 − Φ(0.524404) = 0.299999
        //   roi = (55·0.9090909 − 45)/100 = (50 − 45)/100 = 0.05
        QTest::newRow("55-45") << 55 << 45 << 0.452446 << 0.643855 << 0.524404 << 0.299999 << 0.05;
        // 7–3: n = 10, p = 0.7. centre = 0.7 + 3.841459/20 = 0.892073
        //   spread = 1.959964·sqrt(0.021 + 3.841459/400) = 1.959964·0.174941 = 0.342874
        //   denom = 1.384146; low = 0.549199/1.384146 = 0.396778, high = 1.234947/1.384146 = 0.892209
        //   z = 0.1761905/sqrt(0.02494331) = 0.1761905/0.157934 = 1.115592, p = 0.132298
        //   roi = (7·0.9090909 − 3)/10 = 0.336364
        QTest::newRow("7-3") << 7 << 3 << 0.396778 << 0.892209 << 1.115592 << 0.132298 << 0.336364;
        // 120–80: n = 200, p = 0.6. centre = 0.6 + 3.841459/400 = 0.609604
        //   spread = 1.959964·sqrt(0.0012 + 3.841459/160000) = 1.959964·0.034986 = 0.068571
        //   denom = 1.019207; low = 0.541033/1.019207 = 0.530837, high = 0.678175/1.019207 = 0.665394
        //   z = 0.0761905/sqrt(0.001247166) = 0.0761905/0.0353152 = 2.157440, p = 0.015486
        QTest::newRow("120-80") << 120 << 80 << 0.530837 << 0.665394 << 2.157440 << 0.015486 << 0.145455;
        // 0–5: p = 0. centre = 3.841459/10 = 0.384146 = spread → low = 0;
        //   high = 0.768292/1.768292 = 0.434482; z = −0.5238095/sqrt(0.0498866) = −2.345208
        //   p = 1 − Φ(−2.345208) = 0.990492; roi = −5/5 = −1
        QTest::newRow("0-5") << 0 << 5 << 0.0 << 0.434482 << -2.345208 << 0.990492 << -1.0;
    }
    void handComputed()
    {
        QFETCH(int, wins);
        QFETCH(int, losses);
        QFETCH(double, wilsonLow);
        QFETCH(double, wilsonHigh);
        QFETCH(double, z);
        QFETCH(double, pValue);
        QFETCH(double, roi110);
        const auto s = stats(wins, losses, 3);
        QCOMPARE(s.n(), wins + losses); // pushes excluded
        QCOMPARE(s.pushes(), 3);
        QCOMPARE(*s.hitRate(), double(wins) / (wins + losses));
        QVERIFY2(near(*s.wilsonLow(), wilsonLow), qPrintable(QString::number(*s.wilsonLow(), 'f', 7)));
        QVERIFY2(near(*s.wilsonHigh(), wilsonHigh), qPrintable(QString::number(*s.wilsonHigh(), 'f', 7)));
        QVERIFY2(near(*s.z(), z), qPrintable(QString::number(*s.z(), 'f', 7)));
        QVERIFY2(near(*s.pValue(), pValue), qPrintable(QString::number(*s.pValue(), 'f', 7)));
        QVERIFY2(near(*s.roi110(), roi110), qPrintable(QString::number(*s.roi110(), 'f', 7)));
        QCOMPARE(s.significant(), pValue < 0.05);
        // All wins at −110: the market ROI equals the −110 ROI.
        QVERIFY(near(*s.roiMarket(), *s.roi110(), 1e-12));
    }

    void roiMarketUsesPrices()
    {
        // 2 wins at +150 (decimal 2.5) and 1 loss: (1.5 + 1.5 − 1)/3 = 0.666667.
        const auto s = stats(2, 1, 0, 2.5);
        QVERIFY(near(*s.roiMarket(), 2.0 / 3));
        QVERIFY(near(*s.roi110(), (2 * 100.0 / 110 - 1) / 3));
    }

    void emptyHasNoRates()
    {
        const auto s = stats(0, 0, 2);
        QCOMPARE(s.n(), 0);
        QVERIFY(!s.hitRate() && !s.wilsonLow() && !s.z() && !s.pValue() && !s.roi110() && !s.roiMarket());
        QVERIFY(!s.significant());
        const auto json = s.toJson();
        QVERIFY(json["hit_rate"].is_null());
        QCOMPARE(json["pushes"].get<int>(), 2);
    }

    // The one-sided bound shown beside "significant" agrees with the test for every record up to
    // 400 bets: above break-even exactly when p_value < 0.05.
    void oneSidedBoundAgreesWithTheTest()
    {
        int significant = 0;
        for (int n = 1; n <= 400; ++n) {
            for (int wins = 0; wins <= n; ++wins) {
                HitRateStats s;
                for (int i = 0; i < wins; ++i)
                    s.addWin(1.9);
                for (int i = wins; i < n; ++i)
                    s.addLoss();
                const bool above = *s.oneSidedLow() > HitRateStats::Breakeven;
                if (std::abs(*s.z() - HitRateStats::OneSidedZ) > 1e-6) // not on the boundary itself
                    QVERIFY2(above == s.significant(), qPrintable(QStringLiteral("%1 of %2").arg(wins).arg(n)));
                significant += s.significant();
                QVERIFY(*s.oneSidedLow() >= *s.wilsonLow() - 1e-12);
            }
        }
        QVERIFY(significant > 1000); // the property was exercised on both sides
    }

    void breakeven() { QCOMPARE(HitRateStats::Breakeven, 0.5238095238095238); }

    void decision_data()
    {
        QTest::addColumn<int>("wins");
        QTest::addColumn<int>("losses");
        QTest::addColumn<DecisionLabel>("expected");
        // 120–80: 0.60, p = 0.0155, Wilson low 0.5308 > b.
        QTest::newRow("exceptional") << 120 << 80 << DecisionLabel::Exceptional;
        // 145–105: 0.58 and p = 0.0376, but Wilson low 0.5181 ≤ b → only STRONG.
        QTest::newRow("strong-0.58-but-wilson-low-below") << 145 << 105 << DecisionLabel::Strong;
        // 560–440: 0.56, p = 0.0110.
        QTest::newRow("strong") << 560 << 440 << DecisionLabel::Strong;
        // 1620–1380: 0.54, p = 0.0379.
        QTest::newRow("marginal") << 1620 << 1380 << DecisionLabel::Marginal;
        // 60–40: 0.60 but p = 0.0636: not significant.
        QTest::newRow("inconclusive-high-rate-few-bets") << 60 << 40 << DecisionLabel::Inconclusive;
        QTest::newRow("inconclusive") << 53 << 47 << DecisionLabel::Inconclusive;
        QTest::newRow("not-profitable-below-breakeven") << 52 << 48 << DecisionLabel::NotProfitable;
        QTest::newRow("not-profitable-n-zero") << 0 << 0 << DecisionLabel::NotProfitable;
        QTest::newRow("not-profitable-all-losses") << 0 << 5 << DecisionLabel::NotProfitable;
    }
    void decision()
    {
        QFETCH(int, wins);
        QFETCH(int, losses);
        QFETCH(DecisionLabel, expected);
        QCOMPARE(Decision::decide(stats(wins, losses)), expected);
    }

    void readiness_data()
    {
        QTest::addColumn<double>("coverage");
        QTest::addColumn<Readiness>("expected");
        QTest::newRow("ready-at-70") << 0.70 << Readiness::Ready;
        QTest::newRow("ready-full") << 1.0 << Readiness::Ready;
        QTest::newRow("partial-just-below-70") << 0.6999 << Readiness::Partial;
        QTest::newRow("partial-at-50") << 0.50 << Readiness::Partial;
        QTest::newRow("waiting-below-50") << 0.4999 << Readiness::Waiting;
        QTest::newRow("waiting-empty") << 0.0 << Readiness::Waiting;
    }
    void readiness()
    {
        QFETCH(double, coverage);
        QFETCH(Readiness, expected);
        QCOMPARE(Decision::readiness(coverage), expected);
    }
};

QTEST_GUILESS_MAIN(TestHitRateStats)
#include "tst_hitratestats.moc"
