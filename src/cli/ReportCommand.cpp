// `report`: export a workspace's progress report (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "evaluation/Grader.h"
#include "reports/ProgressReport.h"
#include "storage/Workspace.h"
#include "util/ExitCode.h"

#ifdef BFS_WITH_CHARTS
#include "charts/ReportRenderer.h"
#endif

#include <QDir>

namespace bfs::cli {

namespace {

int runReport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Export a workspace's progress report."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
        QStringLiteral("Report format: %1.").arg(ProgressReport::formats().join(QStringLiteral(", "))), QStringLiteral("FORMAT"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE"));
    const QCommandLineOption minEdgeOption(QStringLiteral("min-edge"), QStringLiteral("Minimum edge for the evaluation (default 0.5)."),
        QStringLiteral("X"));
    parser.addOptions({ workspaceOption, databaseOption(), formatOption, outOption, minEdgeOption });
    if (!parseArguments(parser, arguments))
        return ExitUsage;
    if (!parser.isSet(workspaceOption))
        return usageError(QStringLiteral("--workspace DIR is required"));
    if (!parser.isSet(outOption))
        return usageError(QStringLiteral("--out FILE is required"));
    const QString format = parser.value(formatOption).toLower();
    if (!ProgressReport::formats().contains(format))
        return usageError(QStringLiteral("unsupported report format '%1' (supported: %2)")
                              .arg(parser.value(formatOption), ProgressReport::formats().join(QStringLiteral(", "))));
#ifndef BFS_WITH_CHARTS
    if (format == u"html" || format == u"pdf")
        return usageError(QStringLiteral("this build has no charts: --format %1 is unavailable (use csv or json)").arg(format));
#endif
    double minEdge = Grader::DefaultMinEdge;
    if (parser.isSet(minEdgeOption)) {
        bool ok = false;
        minEdge = parser.value(minEdgeOption).toDouble(&ok);
        if (!ok || minEdge < 0)
            return usageError(QStringLiteral("--min-edge must be a number ≥ 0, got '%1'").arg(parser.value(minEdgeOption)));
    }
    const QString dir = parser.value(workspaceOption);
    if (!isTeamMode(parser) && !QDir(dir).exists())
        return usageError(QStringLiteral("workspace %1 does not exist").arg(dir));
    if (const QString problem = Workspace::outputPathProblem(dir, parser.value(outOption)); !problem.isEmpty())
        return usageError(QStringLiteral("--out: %1").arg(problem));

    QString error;
    int openFailure = ExitOk;
    const auto workspace = openWorkspace(parser, dir, Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const auto report = ProgressReport::collect(*workspace, minEdge, error);
    if (!report)
        return fail(ExitFatal, error);
    const QString out = parser.value(outOption);
#ifdef BFS_WITH_CHARTS
    const charts::ReportImages images = (format == u"html" || format == u"pdf") ? charts::ReportRenderer::renderCharts(*report)
                                                                                 : charts::ReportImages {};
    if (!charts::ReportRenderer::write(*report, images, format, out, error))
        return fail(ExitFatal, error);
#else
    if (!report->writeNumbers(format, out, error))
        return fail(ExitFatal, error);
#endif
    printLine(QStringLiteral("wrote %1 report to %2").arg(format, out));
    return ExitOk;
}

const CommandRegistrar registrar({ "report", "Export a workspace's progress report (html, pdf, csv, json)", &runReport, true });

} // namespace

} // namespace bfs::cli
