#include "StatusDashboard.h"

#include "FutureSupport.h"
#include "evaluation/Decision.h"
#include "evaluation/EvaluationReport.h"
#include "reports/WorkspaceStatus.h"
#include "storage/Workspace.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QtConcurrent>

namespace bfs::app {

StatusDashboard::StatusDashboard(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_failures(new QLabel(this))
{
    static const char* const names[] = { QT_TR_NOOP("Phase 1 · fetch odds (dates)"),
        QT_TR_NOOP("Phase 2 · load lines (files)"), QT_TR_NOOP("Phase 3 · match predictions"),
        QT_TR_NOOP("Phase 4 · grade (with a line)"), QT_TR_NOOP("Phase 5 · hit rate (graded bets)") };
    auto* grid = new QGridLayout(this);
    for (int i = 0; i < 5; ++i) {
        grid->addWidget(new QLabel(tr(names[i]), this), i, 0);
        m_bars[i] = new QProgressBar(this);
        m_bars[i]->setObjectName(QStringLiteral("phase%1Bar").arg(i + 1));
        m_bars[i]->setRange(0, 1);
        m_bars[i]->setValue(0);
        m_bars[i]->setFormat(tr("–"));
        grid->addWidget(m_bars[i], i, 1);
    }
    m_summary->setWordWrap(true);
    m_failures->setWordWrap(true);
    m_failures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_summary, 5, 0, 1, 2);
    grid->addWidget(m_failures, 6, 0, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(7, 1);
}

void StatusDashboard::setPhase(int phase, const PhaseProgress& progress)
{
    QProgressBar* bar = m_bars[phase - 1];
    bar->setRange(0, int(std::max<qint64>(1, progress.total)));
    bar->setValue(int(std::min(progress.done, std::max<qint64>(1, progress.total))));
    const QLocale locale;
    bar->setFormat(tr("%1 / %2 (%3 %)")
                       .arg(locale.toString(progress.done), locale.toString(progress.total),
                           locale.toString(progress.percent(), 'f', 1)));
}

QString StatusDashboard::phaseText(int phase) const
{
    return m_bars[phase - 1]->text();
}

QString StatusDashboard::failuresText() const
{
    return m_failures->text();
}

void StatusDashboard::refresh(const Workspace& workspace, const QString& sport)
{
    if (m_loading)
        return;
    m_loading = true;
    whenFinished(this, QtConcurrent::run([workspace, sport] {
        QString error;
        std::optional<WorkspaceStatus> status = WorkspaceStatus::collect(workspace, sport, error);
        return std::make_pair(status, error);
    }),
        [this](const std::pair<std::optional<WorkspaceStatus>, QString>& result) {
            m_loading = false;
            if (!result.first) {
                m_summary->setText(tr("Cannot read the workspace's status: %1").arg(result.second));
                return;
            }
            const WorkspaceStatus& status = *result.first;
            setPhase(1, status.phase1);
            setPhase(2, status.phase2);
            setPhase(3, status.phase3);
            m_summary->setText(
                tr("Coverage %1 % · readiness %2")
                    .arg(QLocale().toString(status.coverage * 100.0, 'f', 1), Decision::name(status.readiness)));
            QStringList failures;
            for (const auto& f : status.failedDates)
                failures << tr("%1: %2").arg(f.date.toString(Qt::ISODate), f.error);
            m_failures->setText(failures.isEmpty() ? tr("No failed dates.")
                                                   : tr("Failed dates — %1").arg(failures.join(QStringLiteral("; "))));
            Q_EMIT refreshed();
        });
}

void StatusDashboard::setEvaluation(const EvaluationReport& report)
{
    // Ungraded predictions all have a line (NO_LINE comes first), so graded = with a line − ungraded.
    setPhase(4, { report.withLine - report.ungraded, report.withLine });
    // Phase 5 is complete once there is a graded bet to compute the hit rate over.
    const qint64 n = report.overall.wins() + report.overall.losses();
    setPhase(5, { n, n });
    if (n > 0)
        m_bars[4]->setFormat(tr("hit rate %1 % over n = %2 · %3")
                                 .arg(QLocale().toString(100.0 * report.overall.wins() / double(n), 'f', 1))
                                 .arg(n)
                                 .arg(Decision::name(report.decision())));
}

} // namespace bfs::app
