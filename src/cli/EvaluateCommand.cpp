// `backfill-studio-cli evaluate`: phases 3–5 over a workspace (cli.md, evaluation.md).
#include "CliCommand.h"
#include "CliSupport.h"

#include "evaluation/Evaluator.h"
#include "evaluation/Grader.h"
#include "evaluation/PredictionImporter.h"
#include "storage/RunHistory.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstdio>

namespace bfs::cli {

namespace {

QString percent(std::optional<double> fraction)
{
    return fraction ? QStringLiteral("%1 %").arg(*fraction * 100.0, 0, 'f', 1) : QStringLiteral("–");
}

void printHuman(const EvaluationReport& report)
{
    const auto& s = report.overall;
    QString text;
    text += QStringLiteral("predictions      %1 (with a line: %2, coverage %3, %4)\n")
                .arg(report.predictions)
                .arg(report.withLine)
                .arg(percent(report.coverage()), Decision::name(report.readiness()));
    text += QStringLiteral("bets             %1: %2 W / %3 L / %4 P (passes %5, no line %6, ungraded %7)\n")
                .arg(report.bets())
                .arg(s.wins())
                .arg(s.losses())
                .arg(s.pushes())
                .arg(report.passes)
                .arg(report.noLine)
                .arg(report.ungraded);
    text += QStringLiteral("hit rate         %1 (95 % interval %2 – %3; break-even %4)\n")
                .arg(percent(s.hitRate()), percent(s.wilsonLow()), percent(s.wilsonHigh()),
                    percent(HitRateStats::Breakeven));
    text += QStringLiteral("z / p-value      %1 / %2%3\n")
                .arg(s.z() ? QString::number(*s.z(), 'f', 3) : QStringLiteral("–"))
                .arg(s.pValue() ? QString::number(*s.pValue(), 'f', 4) : QStringLiteral("–"))
                .arg(s.significant() ? QStringLiteral(" (significant)") : QString());
    text += QStringLiteral("ROI              %1 at −110, %2 at market prices\n")
                .arg(percent(s.roi110()), percent(s.roiMarket()));
    text += QStringLiteral("decision         %1 (min edge %2)\n")
                .arg(Decision::name(report.decision()))
                .arg(report.minEdge);
    std::fputs(text.toUtf8().constData(), stdout);
}

int runEvaluate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Match predictions to betting lines, grade them and compute the hit rate."));
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"));
    const QCommandLineOption predictionsOption(QStringLiteral("predictions"),
        QStringLiteral("Import this CSV first (replaces the workspace's prediction set, all or nothing)."),
        QStringLiteral("CSV"));
    const QCommandLineOption minEdgeOption(QStringLiteral("min-edge"),
        QStringLiteral("Minimum |edge| for a derived OVER/UNDER (default %1).").arg(Grader::DefaultMinEdge),
        QStringLiteral("X"));
    parser.addOption(workspaceOption);
    parser.addOption(databaseOption());
    parser.addOption(predictionsOption);
    parser.addOption(minEdgeOption);
    parser.addOption(jsonOption());
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (!parser.isSet(workspaceOption))
        return usageError(QStringLiteral("--workspace is required"));

    double minEdge = Grader::DefaultMinEdge;
    if (parser.isSet(minEdgeOption)) {
        bool ok = false;
        const QString text = parser.value(minEdgeOption);
        minEdge = text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(minEdge) || minEdge < 0)
            return usageError(QStringLiteral("--min-edge must be a number ≥ 0, got '%1'").arg(text));
    }

    // Only an import has something to put in a new workspace; evaluating a folder that
    // does not exist is a typo, not a reason to create one.
    if (!parser.isSet(predictionsOption) && !isTeamMode(parser) && !QFileInfo::exists(parser.value(workspaceOption)))
        return usageError(
            QStringLiteral("workspace %1 does not exist (import predictions into it with --predictions CSV)")
                .arg(parser.value(workspaceOption)));
    QString error;
    int openFailure = ExitOk;
    const auto workspace = openWorkspace(parser, parser.value(workspaceOption),
        parser.isSet(predictionsOption) ? Workspace::Access::ReadWrite : Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const DbConnection connection = workspace->connect(error);
    if (!connection.isOpen())
        return fail(ExitFatal, error);

    if (parser.isSet(predictionsOption)) {
        const int rows = PredictionImporter::importFile(parser.value(predictionsOption), connection, error);
        if (rows < 0)
            return usageError(error + QStringLiteral(" (nothing imported; the previous prediction set is kept)"));
        printLine(QStringLiteral("imported %1 predictions from %2").arg(rows).arg(parser.value(predictionsOption)));
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
        RunHistory history(connection);
        const nlohmann::json config { { "min_edge", minEdge },
            { "predictions",
                parser.isSet(predictionsOption) ? nlohmann::json(parser.value(predictionsOption).toStdString())
                                                : nlohmann::json(nullptr) } };
        const qint64 runId = history.start(QStringLiteral("evaluate"), config, error);
        if (runId == 0 || !history.finish(runId, QStringLiteral("completed"), report.summaryJson(), error))
            printLine(QStringLiteral("warning: the run was not recorded in the history: %1").arg(error));
    }
    if (parser.isSet(QStringLiteral("json"))) {
        // Streamed, not printJson(report.toJson()): "matches" has one object per prediction,
        // and a million of them as one tree and one string would take gigabytes.
        // Like printJson, a failed write to stdout does not change the exit code.
        QFile out;
        if (out.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            report.writeJson(out);
            out.write("\n", 1);
            out.flush();
        }
    } else
        printHuman(report);
    return ExitOk;
}

CommandRegistrar registrar(
    { "evaluate", "Match predictions to lines, grade them, hit rate and decision", &runEvaluate });

} // namespace

} // namespace bfs::cli
