#pragma once

#include "reports/ProgressReport.h"

#include <QImage>
#include <QPicture>
#include <QString>

#include <map>

namespace bfs::charts {

// One chart of the report, drawn twice from the same QChart on the GUI thread: an image for
// HTML (PNG) and the on-screen preview, and a QPicture — the painter commands themselves — that
// the PDF replays on any thread as vector graphics and selectable text.
struct ReportChart {
    QImage image;
    QPicture picture;
};

// The charts that have something to show (ReportRenderer::chartNames), by name. Rendering a
// QChart needs the GUI thread (a QApplication, offscreen in the CLI); everything after that
// does not.
struct ReportImages {
    std::map<QString, ReportChart> charts;
};

// Renders and writes progress reports: JSON and CSV carry the numbers; HTML (charts
// embedded as PNG data, one self-contained file) and PDF (the same document, paged)
// add the charts.
class ReportRenderer {
public:
    static constexpr int ChartWidth = 900;
    static constexpr int ChartHeight = 420;

    // The charts `report` has data for, in the order the document shows them: "progress" (dates
    // finished over time), "cumulative" (hit rate against break-even) and "edge-buckets" (hit
    // rate by |edge|, bars labelled with n) once a bet is graded, "speedup" (latest benchmark).
    static QStringList chartNames(const ProgressReport& report);
    // GUI thread only.
    static ReportImages renderCharts(const ProgressReport& report);
    // Any thread. Writes atomically (temporary file, then rename). `format` is one of
    // ProgressReport::formats(); anything else is an error listing them.
    static bool write(const ProgressReport& report, const ReportImages& images, const QString& format,
        const QString& path, QString& error);
    // The HTML document; `imageSource(name)` gives the src attribute of each of chartNames().
    static QString html(
        const ProgressReport& report, bool withCharts, const std::function<QString(const QString&)>& imageSource);
};

} // namespace bfs::charts
