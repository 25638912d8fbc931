#pragma once

#include "storage/Workspace.h"

#include "reports/ProgressReport.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <optional>

namespace bfs::app {

// Exports a workspace's progress report without blocking the window: the numbers are
// gathered on a pool thread (its own database connection), the charts are drawn on
// the GUI thread (Qt Charts needs it; ~100 ms), and the file is written on a pool
// thread again. One export at a time.
class ReportExporter final : public QObject {
    Q_OBJECT
public:
    explicit ReportExporter(QObject* parent = nullptr);

    struct Collected {
        std::optional<ProgressReport> report;
        QString error;
    };
    // Gathers a workspace's report numbers on a pool thread (its own connection), with
    // the application's settings read now, on the caller's thread.
    static QFuture<Collected> collect(const Workspace& workspace);

    bool isBusy() const { return m_busy; }
    // `format` from ProgressReport::formats(); empty: taken from the file's suffix.
    bool exportReport(const Workspace& workspace, const QString& path, QString format = {});
    // The format a file name asks for ("report.PDF" → "pdf"), empty when none matches.
    static QString formatForPath(const QString& path);
    // "PDF report (*.pdf);;HTML report (*.html);;…" for a save dialog.
    static QString fileDialogFilter();
    // The file a save dialog's answer means: a name without a report suffix ("report") gets the
    // chosen filter's extension ("report.html"); a name with one keeps it. Empty when neither
    // names a format.
    static QString pathForChoice(const QString& path, const QString& selectedFilter);

Q_SIGNALS:
    void exported(const QString& path, const QString& format);
    void failed(const QString& error);

private:
    bool m_busy = false;
};

} // namespace bfs::app
