#include "StatusDashboard.h"

#include "FutureSupport.h"
#include "evaluation/EvaluationReport.h"
#include "evaluation/Decision.h"
#include "evaluation/EvaluationStatus.h"
#include "odds/BackfillStatus.h"
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
    static const char* const names[] = { QT_TR_NOOP("Phase 1 · fetch odds (dates)"), QT_TR_NOOP("Phase 2 · load lines (files)"),
        QT_TR_NOOP("Phase 3 · match predictions"), QT_TR_NOOP("Phase 4 · grade (with a line)"),
        QT_TR_NOOP("Phase 5 · hit rate (graded bets)") };
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

void StatusDashboard::setPhase(int phase, qint64 done, qint64 total)
{
    QProgressBar* bar = m_bars[phase - 1];
    bar->setRange(0, int(std::max<qint64>(1, total)));
    bar->setValue(int(std::min(done, std::max<qint64>(1, total))));
    const double percent = total > 0 ? 100.0 * double(done) / double(total) : 0.0;
    const QLocale locale;
    bar->setFormat(tr("%1 / %2 (%3 %)").arg(locale.toString(done), locale.toString(total), locale.toString(percent, 'f', 1)));
}

QString StatusDashboard::phaseText(int phase) const { return m_bars[phase - 1]->text(); }

QString StatusDashboard::failuresText() const { return m_failures->text(); }

void StatusDashboard::refresh(const QString& workspaceDir, const QString& sport)
{
    if (workspaceDir.isEmpty() || m_loading)
        return;
    m_loading = true;
    whenFinished(this, QtConcurrent::run([workspaceDir, sport] {
        QString error;
        nlohmann::json status;
        if (const auto workspace = Workspace::open(workspaceDir, error)) {
            status = collectBackfillStatus(*workspace, sport, error);
            DbConnection connection = workspace->connect(error);
            if (connection.isOpen() && status.is_object()) {
                if (const auto evaluation = EvaluationStatus::compute(connection, error))
                    evaluation->addTo(status);
            }
        }
        return std::make_pair(status, error);
    }), [this](const std::pair<nlohmann::json, QString>& result) {
        m_loading = false;
        const nlohmann::json& status = result.first;
        if (!status.is_object()) {
            m_summary->setText(tr("Cannot read the workspace's status: %1").arg(result.second));
            return;
        }
        for (int phase = 1; phase <= 3; ++phase) {
            const auto p = status.value("phase" + std::to_string(phase), nlohmann::json::object());
            setPhase(phase, p.value("done", qint64(0)), p.value("total", qint64(0)));
        }
        const auto coverage = status.value("coverage", nlohmann::json());
        m_summary->setText(tr("Coverage %1 · readiness %2")
                               .arg(coverage.is_number() ? QLocale().toString(coverage.get<double>() * 100.0, 'f', 1) + QStringLiteral(" %")
                                                         : tr("–"),
                                   status.value("readiness", nlohmann::json()).is_string()
                                       ? QString::fromStdString(status["readiness"].get<std::string>())
                                       : tr("–")));
        QStringList failures;
        for (const auto& f : status.value("failed_dates", nlohmann::json::array()))
            failures << tr("%1: %2").arg(QString::fromStdString(f.value("date", std::string())),
                QString::fromStdString(f.value("error", std::string())));
        m_failures->setText(failures.isEmpty() ? tr("No failed dates.") : tr("Failed dates — %1").arg(failures.join(QStringLiteral("; "))));
        Q_EMIT refreshed();
    });
}

void StatusDashboard::setEvaluation(const EvaluationReport& report)
{
    // Ungraded predictions all have a line (NO_LINE comes first), so graded = with a line − ungraded.
    setPhase(4, report.withLine - report.ungraded, report.withLine);
    // Phase 5 is complete once there is a graded bet to compute the hit rate over.
    const qint64 n = report.overall.wins() + report.overall.losses();
    setPhase(5, n, n);
    if (n > 0)
        m_bars[4]->setFormat(tr("hit rate %1 % over n = %2 · %3")
                                 .arg(QLocale().toString(100.0 * report.overall.wins() / double(n), 'f', 1))
                                 .arg(n)
                                 .arg(Decision::name(report.decision())));
}

} // namespace bfs::app
