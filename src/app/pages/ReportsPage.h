#pragma once

#include "storage/Workspace.h"

#include <QWidget>

#include <optional>

#include <memory>

namespace Ui {
class ReportsPage;
}

namespace bfs::app {

class ReportExporter;

// The Reports screen: a live preview of the workspace's progress report (the same
// document the PDF and HTML exports write, charts included) and the export. Numbers
// are gathered off the GUI thread; only the charts are drawn on it.
class ReportsPage final : public QWidget {
    Q_OBJECT
public:
    explicit ReportsPage(QWidget* parent = nullptr);
    ~ReportsPage() override;

    void setWorkspace(const bfs::Workspace& workspace);
    // The numbers behind the report changed (a new evaluation on screen): collect again when shown.
    void markStale();
    void refresh();
    // Exports to `path` (format from its suffix) without blocking.
    void exportTo(const QString& path);
    void chooseExport();

    QString previewText() const; // the preview as plain text (tests)
    ReportExporter* exporter() const { return m_exporter; }

Q_SIGNALS:
    void previewReady();
    void failed(const QString& error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    std::unique_ptr<Ui::ReportsPage> m_ui;
    ReportExporter* m_exporter;
    std::optional<Workspace> m_workspace;
    bool m_stale = true;
    bool m_loading = false;
};

} // namespace bfs::app
