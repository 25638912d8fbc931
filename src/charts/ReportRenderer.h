#pragma once

#include "reports/ProgressReport.h"

#include <QImage>
#include <QString>

namespace bfs::charts {

// The report's charts as images. Rendering a QChart needs the GUI thread (a
// QApplication, offscreen in the CLI); everything after that does not.
struct ReportImages {
    QImage progress;    // dates finished over time
    QImage speedup;     // latest benchmark: measured against ideal
    QImage cumulative;  // cumulative hit rate against break-even
    QImage edgeBuckets; // hit rate by |edge| bucket, bars labelled with n
};

// Renders and writes progress reports: JSON and CSV carry the numbers; HTML (charts
// embedded as PNG data, one self-contained file) and PDF (the same document, paged)
// add the charts.
class ReportRenderer {
public:
    static constexpr int ChartWidth = 900;
    static constexpr int ChartHeight = 420;

    // GUI thread only.
    static ReportImages renderCharts(const ProgressReport& report);
    // Any thread. Writes atomically (temporary file, then rename). `format` is one of
    // ProgressReport::formats(); anything else is an error listing them.
    static bool write(const ProgressReport& report, const ReportImages& images, const QString& format,
        const QString& path, QString& error);
    // The HTML document; `imageSource(name)` gives each chart's src attribute.
    static QString html(const ProgressReport& report, bool withCharts, const std::function<QString(const QString&)>& imageSource);
};

} // namespace bfs::charts
