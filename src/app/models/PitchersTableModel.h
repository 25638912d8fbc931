#pragma once

#include "evaluation/EvaluationDepth.h"

#include <QAbstractTableModel>

#include <vector>

namespace bfs::app {

// One row per pitcher of EvaluationReport::byPitcher: name as first written, lookup, bets,
// wins, losses, hit rate, ROI at −110, bets per side, bias and the verdict. Rows the z-test
// reads as "bet" are tinted green, "avoid" red (PitcherResult::verdict, n ≥ 10); rates of
// pitchers with fewer than ThinBets bets are drawn grey, as the charts draw thin groups pale.
// SortRole carries raw values so a proxy sorts numerically.
class PitchersTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Pitcher, Lookup, Bets, Wins, Losses, HitRate, Roi110, Over, Under, Bias, Verdict, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int VerdictRole = Qt::UserRole + 1; // int(PitcherResult::Verdict)

    explicit PitchersTableModel(QObject* parent = nullptr);

    void setPitchers(std::vector<PitcherResult> pitchers);
    const std::vector<PitcherResult>& pitchers() const { return m_pitchers; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString verdictName(PitcherResult::Verdict verdict); // "bet", "avoid", ""

private:
    std::vector<PitcherResult> m_pitchers;
};

} // namespace bfs::app
