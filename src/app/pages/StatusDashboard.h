#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace bfs {
struct EvaluationReport;
class Workspace;
struct PhaseProgress;
} // namespace bfs

namespace bfs::app {

// The seed's progress dashboard on the Evaluate screen: phases 1–5 with done / total /
// percent, coverage and readiness, and the failed dates. Phases 1–3 come from the
// workspace's status (the same numbers as `status --json`, read off the GUI thread);
// phases 4–5 from the evaluation on screen:
//   phase 4 (grade): predictions with a line that have their actual strikeouts;
//   phase 5 (hit rate): complete once there are graded OVER/UNDER bets (n) to compute it over.
class StatusDashboard final : public QWidget {
    Q_OBJECT
public:
    explicit StatusDashboard(QWidget* parent = nullptr);

    void refresh(const bfs::Workspace& workspace, const QString& sport);
    void setEvaluation(const EvaluationReport& report);
    // "phase4" → "12 / 20 (60.0 %)"; what each bar shows, for tests.
    QString phaseText(int phase) const;
    QString failuresText() const;

Q_SIGNALS:
    void refreshed();

private:
    void setPhase(int phase, const PhaseProgress& progress);

    QProgressBar* m_bars[5];
    QLabel* m_summary;
    QLabel* m_failures;
    bool m_loading = false;
};

} // namespace bfs::app
