// `backfill-studio-cli evaluate`: phases 3–5 over a workspace (cli.md, evaluation.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"

#include "evaluation/Evaluator.h"
#include "evaluation/Grader.h"
#include "evaluation/PredictionImporter.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"
#include "util/Format.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstdio>

namespace bfs::cli {

namespace {

QString humanSummary(const EvaluationReport& report)
{
    const auto& s = report.overall;
    QString text;
    text += QStringLiteral("predictions      %1 (with a line: %2, coverage %3, %4)\n")
                .arg(report.predictions)
                .arg(report.withLine)
                .arg(format::percent(report.coverage()), Decision::name(report.readiness()));
    text += QStringLiteral("bets             %1: %2 W / %3 L / %4 P (passes %5, no line %6, ungraded %7)\n")
                .arg(report.bets())
                .arg(s.wins())
                .arg(s.losses())
                .arg(s.pushes())
                .arg(report.passes)
                .arg(report.noLine)
                .arg(report.ungraded);
    text += QStringLiteral("hit rate         %1 (95% interval %2 – %3; break-even %4)\n")
                .arg(format::percent(s.hitRate()), format::percent(s.wilsonLow()), format::percent(s.wilsonHigh()),
                    format::percent(HitRateStats::Breakeven));
    text += QStringLiteral("z / p-value      %1 / %2%3\n")
                .arg(s.z() ? QString::number(*s.z(), 'f', 3) : QStringLiteral("–"))
                .arg(s.pValue() ? QString::number(*s.pValue(), 'f', 4) : QStringLiteral("–"))
                .arg(s.significant() ? QStringLiteral(" (significant)") : QString());
    text += QStringLiteral("ROI              %1 at −110, %2 at market prices\n")
                .arg(format::percent(s.roi110()), format::percent(s.roiMarket()));
    text += QStringLiteral("decision         %1 (min edge %2)\n")
                .arg(Decision::name(report.decision()))
                .arg(report.minEdge);
    const auto& a = report.accuracy;
    if (a.n() > 0)
        text += QStringLiteral("accuracy         MAE %1, RMSE %2, bias %3 over %4 predictions with an actual "
                               "(within 1/2/3: %5 / %6 / %7)\n")
                    .arg(*a.mae(), 0, 'f', 2)
                    .arg(*a.rmse(), 0, 'f', 2)
                    .arg(*a.bias(), 0, 'f', 2)
                    .arg(a.n())
                    .arg(format::percent(a.within(1)), format::percent(a.within(2)), format::percent(a.within(3)));
    if (s.n() > 0) {
        const auto& b = report.bankroll;
        text += QStringLiteral("bankroll         %1 units over %2 bets at −110, max drawdown %3, streaks %4 W / %5 L\n")
                    .arg(b.units, 0, 'f', 2)
                    .arg(s.n())
                    .arg(b.maxDrawdown, 0, 'f', 2)
                    .arg(b.longestWinningStreak)
                    .arg(b.longestLosingStreak);
        text += QStringLiteral("kelly stake      %1 of the bankroll per bet\n")
                    .arg(format::percent(report.kellyFraction()));
    }
    const auto recommended = report.recommendedMinEdge();
    text += recommended
        ? QStringLiteral("best min edge    %1 (highest ROI at −110 among thresholds with ≥ %2 bets)\n")
              .arg(*recommended, 0, 'f', 2)
              .arg(EvaluationReport::RecommendedMinBets)
        : QStringLiteral("best min edge    none: no threshold has %1 bets\n").arg(EvaluationReport::RecommendedMinBets);
    const auto& m = report.market;
    if (m.n() > 0)
        text += QStringLiteral("market           Brier %1 model vs %2 market over %3 bets: %4\n")
                    .arg(*m.brierModel(), 0, 'f', 4)
                    .arg(*m.brierMarket(), 0, 'f', 4)
                    .arg(m.n())
                    .arg(m.beatsMarket() ? QStringLiteral("the model beats the market")
                                         : QStringLiteral("the market is the better forecast"));
    return text;
}

int runEvaluate(const QStringList& arguments)
{
    double minEdge = Grader::DefaultMinEdge;
    CommandFlags flags(QStringLiteral("Match predictions to betting lines, grade them and compute the hit rate."));
    flags.add(QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"))
        .addDatabase()
        .add(QStringLiteral("predictions"),
            QStringLiteral("Import this CSV first (replaces the workspace's prediction set, all or nothing)."),
            QStringLiteral("CSV"))
        .add(QStringLiteral("min-edge"),
            QStringLiteral("Minimum |edge| for a derived OVER/UNDER (default %1).").arg(minEdge), QStringLiteral("X"))
        .addJson();
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString dir, predictions;
    if (!flags.require(QStringLiteral("workspace")) || !flags.readPath(QStringLiteral("workspace"), dir)
        || !flags.readPath(QStringLiteral("predictions"), predictions)
        || !flags.readNumber(QStringLiteral("min-edge"), 0, CommandFlags::Unbounded, minEdge))
        return flags.usageError();
    const bool importing = !predictions.isEmpty();

    // Only an import has something to put in a new workspace; evaluating a folder that
    // does not exist is a typo, not a reason to create one.
    if (!importing && !isTeamMode(flags.parser()) && !QFileInfo::exists(dir))
        return usageError(
            QStringLiteral("workspace %1 does not exist (import predictions into it with --predictions CSV)").arg(dir));
    QString error;
    int openFailure = ExitOk;
    const auto workspace = openWorkspace(
        flags.parser(), dir, importing ? Workspace::Access::ReadWrite : Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const DbConnection connection = workspace->connect(error);
    if (!connection.isOpen())
        return fail(ExitFatal, error);

    if (importing) {
        const int rows = PredictionImporter::importFile(predictions, connection, error);
        if (rows < 0)
            return usageError(error + QStringLiteral(" (nothing imported; the previous prediction set is kept)"));
        printLine(QStringLiteral("imported %1 predictions from %2").arg(rows).arg(predictions));
    }

    const auto input = Evaluator::load(connection, error);
    if (!input)
        return fail(ExitFatal, error);
    if (input->predictions.empty())
        return usageError(QStringLiteral("workspace %1 holds no predictions; import a file with --predictions CSV")
                              .arg(workspace->dir()));
    const EvaluationReport report = Evaluator::evaluate(*input, minEdge);
    // The run history (Runs screen, reports) keeps every evaluation's headline numbers.
    if (workspace->isReadOnly()) {
        printLine(QStringLiteral("note: workspace %1 is read-only; this evaluation is not recorded in its run history")
                      .arg(workspace->dir()));
    } else {
        if (!Evaluator::recordRun(*workspace, report, predictions, error))
            printLine(QStringLiteral("warning: the run was not recorded in the history: %1").arg(error));
    }
    if (flags.json()) {
        // Streamed, not printJson(report.toJson()): "matches" has one object per prediction,
        // and a million of them as one tree and one string would take gigabytes.
        // Like printJson, a failed write to stdout does not change the exit code.
        QFile out;
        if (out.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            report.writeJson(out);
            out.write("\n", 1);
            out.flush();
        }
    } else {
        printResult(false, {}, humanSummary(report));
    }
    return ExitOk;
}

CommandRegistrar registrar(
    { "evaluate", "Match predictions to lines, grade them, hit rate and decision", &runEvaluate });

} // namespace

} // namespace bfs::cli
