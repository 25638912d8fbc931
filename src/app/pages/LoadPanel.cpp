#include "LoadPanel.h"

#include "jobs/JobEngine.h"
#include "storage/Workspace.h"
#include "util/Format.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace bfs::app {

LoadPanel::LoadPanel(QWidget* parent)
    : QWidget(parent)
    , m_engine(new JobEngine(this))
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(tr("Phase 2 loads fetched odds into betting_lines when a fetch ends."), this))
    , m_button(new QPushButton(tr("&Load lines"), this))
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Phase 2"), this), 0, 0);
    m_bar->setObjectName(QStringLiteral("loadProgressBar"));
    m_bar->setFormat(tr("no load yet"));
    m_bar->setValue(0);
    layout->addWidget(m_bar, 0, 1);
    layout->addWidget(m_button, 0, 2);
    m_status->setObjectName(QStringLiteral("loadStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status, 1, 0, 1, 3);
    layout->setColumnStretch(1, 1);
    connect(m_button, &QPushButton::clicked, this, &LoadPanel::load);
    connect(m_engine, &JobEngine::progressChanged, this, &LoadPanel::onProgress);
    connect(m_engine, &JobEngine::finished, this, &LoadPanel::onFinished);
    m_button->setEnabled(false);
}

LoadPanel::~LoadPanel()
{
    delete m_engine; // waits for the workers before the job and the recorder go
    m_engine = nullptr;
}

void LoadPanel::setWorkspace(const Workspace& workspace)
{
    m_workspace = workspace;
    m_button->setEnabled(!isRunning());
}

bool LoadPanel::isRunning() const
{
    return m_engine && m_engine->isRunning();
}

QString LoadPanel::statusText() const
{
    return m_status->text();
}

bool LoadPanel::load()
{
    if (!m_workspace || isRunning())
        return false;
    m_job = LoadJob::create(*m_workspace); // records its own run; its connections open on the pool
    m_button->setEnabled(false);
    m_status->setText(tr("Scanning raw/ …"));
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setFormat(tr("scanning raw/ …"));
    return m_engine->start(m_job);
}

void LoadPanel::onProgress(const JobProgress& p)
{
    const qint64 loaded = p.done - p.failed; // a malformed file is not progress
    if (p.total <= 0) {
        // Still scanning raw/: no file count yet, so no "0 / 100" either.
        m_bar->setRange(0, 1);
        m_bar->setValue(0);
        m_bar->setFormat(tr("scanning raw/ …"));
        return;
    }
    m_bar->setRange(0, int(p.total));
    m_bar->setValue(int(loaded));
    QString text = tr("%1 / %2 (%3)")
                       .arg(format::count(loaded), format::plural(p.total, tr("file"), tr("files")),
                           format::percent(double(loaded) / double(p.total), 0));
    if (p.failed > 0)
        text += tr(" · %1 malformed").arg(format::count(p.failed));
    m_bar->setFormat(text);
    m_status->setText(tr("Loading: %1 of %2, %3 parsed%4")
                          .arg(format::count(loaded), format::plural(p.total, tr("file"), tr("files")),
                              format::plural(p.items, tr("row"), tr("rows")),
                              p.failed > 0 ? tr(", %1 malformed").arg(format::count(p.failed)) : QString()));
}

void LoadPanel::onFinished(const JobResult& result)
{
    m_summary = m_job->summary();
    QString text;
    if (result.ok())
        text = tr("Loaded %1 (%2 new %3, %4 in betting_lines); %5 already loaded")
                   .arg(format::plural(m_summary.filesLoaded, tr("file"), tr("files")),
                       format::count(m_summary.rowsInserted), m_summary.rowsInserted == 1 ? tr("row") : tr("rows"),
                       format::count(m_summary.rowsTotal), format::count(m_summary.filesSkipped));
    else
        text = tr("Load %1: %2").arg(jobStatusName(result.status), result.error);
    if (m_summary.filesFailed > 0)
        text += tr(" · %1 skipped (first: %2: %3) — fetch again: %4")
                    .arg(format::plural(m_summary.filesFailed, tr("malformed file"), tr("malformed files")))
                    .arg(m_summary.failures.value(0).path, m_summary.failures.value(0).reason,
                        m_summary.refetchDates().join(QStringLiteral(", ")));
    m_status->setText(text);
    if (result.total == 0) {
        m_bar->setRange(0, 1);
        m_bar->setValue(result.ok() ? 1 : 0);
        m_bar->setFormat(result.ok() ? tr("nothing new to load") : tr("load %1").arg(jobStatusName(result.status)));
    }
    m_button->setEnabled(m_workspace.has_value());
    Q_EMIT loadFinished(result.ok() && m_summary.filesFailed == 0);
}

} // namespace bfs::app
