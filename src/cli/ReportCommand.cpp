// `report`: export a workspace's progress report (cli.md).
#include "CliCommand.h"
#include "CliSupport.h"
#include "CommandFlags.h"
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
    double minEdge = Grader::DefaultMinEdge;
    CommandFlags flags(QStringLiteral("Export a workspace's progress report."));
    flags.add(QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"))
        .addDatabase()
        .add(QStringLiteral("format"),
            QStringLiteral("Report format: %1.").arg(ProgressReport::formats().join(QStringLiteral(", "))),
            QStringLiteral("FORMAT"))
        .add(QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE"))
        .add(QStringLiteral("min-edge"), QStringLiteral("Minimum edge for the evaluation (default %1).").arg(minEdge),
            QStringLiteral("X"));
    if (!flags.parse(arguments))
        return flags.exitCode();
    QString dir, out;
    if (!flags.require(QStringLiteral("workspace")) || !flags.readPath(QStringLiteral("workspace"), dir)
        || !flags.require(QStringLiteral("format")) || !flags.require(QStringLiteral("out"))
        || !flags.readPath(QStringLiteral("out"), out)
        || !flags.readNumber(QStringLiteral("min-edge"), 0, CommandFlags::Unbounded, minEdge))
        return flags.usageError();
    const QString format = flags.text(QStringLiteral("format")).toLower();
    if (!ProgressReport::formats().contains(format))
        return usageError(
            QStringLiteral("unsupported report format '%1' (supported: %2)")
                .arg(flags.text(QStringLiteral("format")), ProgressReport::formats().join(QStringLiteral(", "))));
#ifndef BFS_WITH_CHARTS
    if (format == u"html" || format == u"pdf")
        return usageError(
            QStringLiteral("this build has no charts: --format %1 is unavailable (use csv or json)").arg(format));
#endif
    if (!isTeamMode(flags.parser()) && !QDir(dir).exists())
        return usageError(QStringLiteral("workspace %1 does not exist").arg(dir));
    if (const QString problem = Workspace::outputPathProblem(dir, out); !problem.isEmpty())
        return usageError(QStringLiteral("--out: %1").arg(problem));

    QString error;
    int openFailure = ExitOk;
    const auto workspace = openWorkspace(flags.parser(), dir, Workspace::Access::Read, openFailure);
    if (!workspace)
        return openFailure;
    const auto report = ProgressReport::collect(*workspace, minEdge, error);
    if (!report)
        return fail(ExitFatal, error);
#ifdef BFS_WITH_CHARTS
    const charts::ReportImages images = (format == u"html" || format == u"pdf")
        ? charts::ReportRenderer::renderCharts(*report)
        : charts::ReportImages {};
    if (!charts::ReportRenderer::write(*report, images, format, out, error))
        return fail(ExitFatal, error);
#else
    if (!report->writeNumbers(format, out, error))
        return fail(ExitFatal, error);
#endif
    printResult(false, {}, QStringLiteral("wrote %1 report to %2").arg(format, out));
    return ExitOk;
}

const CommandRegistrar registrar(
    { "report", "Export a workspace's progress report (html, pdf, csv, json)", &runReport, true });

} // namespace

} // namespace bfs::cli
