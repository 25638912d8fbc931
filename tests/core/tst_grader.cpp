// Grader: recommendations at and around the min_edge boundary, results and their precedence.
#include "evaluation/Grader.h"

#include <QTest>

using namespace bfs;

namespace bfs {
char* toString(Recommendation value)
{
    return qstrdup(qPrintable(Grader::name(value)));
}
char* toString(BetResult value)
{
    return qstrdup(qPrintable(Grader::name(value)));
}
} // namespace bfs

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(std::optional<int>)

class TestGrader final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recommend_data()
    {
        QTest::addColumn<double>("edge");
        QTest::addColumn<double>("minEdge");
        QTest::addColumn<Recommendation>("expected");
        QTest::newRow("exactly-plus-min-edge-is-over") << 0.5 << 0.5 << Recommendation::Over;
        QTest::newRow("exactly-minus-min-edge-is-under") << -0.5 << 0.5 << Recommendation::Under;
        QTest::newRow("just-inside-plus-is-pass") << 0.499999 << 0.5 << Recommendation::Pass;
        QTest::newRow("just-inside-minus-is-pass") << -0.499999 << 0.5 << Recommendation::Pass;
        QTest::newRow("above") << 1.7 << 0.5 << Recommendation::Over;
        QTest::newRow("below") << -2.0 << 0.5 << Recommendation::Under;
        QTest::newRow("zero-edge-is-pass") << 0.0 << 0.5 << Recommendation::Pass;
        QTest::newRow("min-edge-zero-zero-edge-is-over") << 0.0 << 0.0 << Recommendation::Over;
        QTest::newRow("exactly-one") << 1.0 << 1.0 << Recommendation::Over;
        QTest::newRow("exactly-minus-one") << -1.0 << 1.0 << Recommendation::Under;
    }
    void recommend()
    {
        QFETCH(double, edge);
        QFETCH(double, minEdge);
        QFETCH(Recommendation, expected);
        QCOMPARE(Grader::recommend(edge, minEdge), expected);
    }

    void grade_data()
    {
        QTest::addColumn<std::optional<double>>("line");
        QTest::addColumn<Recommendation>("recommendation");
        QTest::addColumn<std::optional<int>>("actual");
        QTest::addColumn<BetResult>("expected");
        const std::optional<double> none;
        const std::optional<int> notPlayed;
        QTest::newRow("over-wins") << std::optional(5.5) << Recommendation::Over << std::optional(6) << BetResult::Win;
        QTest::newRow("over-loses") << std::optional(5.5) << Recommendation::Over << std::optional(5)
                                    << BetResult::Loss;
        QTest::newRow("under-wins") << std::optional(5.5) << Recommendation::Under << std::optional(5)
                                    << BetResult::Win;
        QTest::newRow("under-loses") << std::optional(5.5) << Recommendation::Under << std::optional(6)
                                     << BetResult::Loss;
        QTest::newRow("whole-line-over-push")
            << std::optional(6.0) << Recommendation::Over << std::optional(6) << BetResult::Push;
        QTest::newRow("whole-line-under-push")
            << std::optional(6.0) << Recommendation::Under << std::optional(6) << BetResult::Push;
        QTest::newRow("whole-line-over-wins")
            << std::optional(6.0) << Recommendation::Over << std::optional(7) << BetResult::Win;
        QTest::newRow("whole-line-under-wins")
            << std::optional(6.0) << Recommendation::Under << std::optional(5) << BetResult::Win;
        QTest::newRow("zero-strikeouts-under")
            << std::optional(3.5) << Recommendation::Under << std::optional(0) << BetResult::Win;
        QTest::newRow("ungraded-no-actual")
            << std::optional(5.5) << Recommendation::Over << notPlayed << BetResult::Ungraded;
        // Precedence: NO_LINE before PASS before UNGRADED.
        QTest::newRow("no-line-beats-pass") << none << Recommendation::Pass << std::optional(6) << BetResult::NoLine;
        QTest::newRow("no-line-beats-ungraded") << none << Recommendation::Over << notPlayed << BetResult::NoLine;
        QTest::newRow("pass-beats-ungraded")
            << std::optional(5.5) << Recommendation::Pass << notPlayed << BetResult::Pass;
        QTest::newRow("pass-with-actual")
            << std::optional(5.5) << Recommendation::Pass << std::optional(9) << BetResult::Pass;
    }
    void grade()
    {
        QFETCH(std::optional<double>, line);
        QFETCH(Recommendation, recommendation);
        QFETCH(std::optional<int>, actual);
        QFETCH(BetResult, expected);
        QCOMPARE(Grader::grade(line, recommendation, actual), expected);
    }

    void parseRecommendation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // -1 = invalid
        QTest::newRow("over") << QStringLiteral("OVER") << int(Recommendation::Over);
        QTest::newRow("lower-under") << QStringLiteral("under") << int(Recommendation::Under);
        QTest::newRow("mixed-pass-spaces") << QStringLiteral(" Pass ") << int(Recommendation::Pass);
        QTest::newRow("invalid") << QStringLiteral("BUY") << -1;
        QTest::newRow("blank") << QString() << -1;
    }
    void parseRecommendation()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const auto parsed = Grader::parseRecommendation(text);
        QCOMPARE(parsed ? int(*parsed) : -1, expected);
    }
};

QTEST_GUILESS_MAIN(TestGrader)
#include "tst_grader.moc"
