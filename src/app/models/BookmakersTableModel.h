#pragma once

#include "evaluation/EvaluationReport.h"

#include <QAbstractTableModel>

#include <vector>

namespace bfs::app {

// One row per bookmaker of EvaluationReport::byBookmaker (the bets whose consensus line that
// bookmaker quoted): bets, W / L / P, hit rate, ROI at −110 and at its own prices. Rates of
// bookmakers with fewer than ThinBets bets are drawn grey. SortRole carries raw values.
class BookmakersTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Bookmaker, Bets, Wins, Losses, Pushes, HitRate, Roi110, RoiMarket, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit BookmakersTableModel(QObject* parent = nullptr);

    void setBookmakers(std::vector<EvaluationReport::Group> bookmakers);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<EvaluationReport::Group> m_bookmakers;
};

} // namespace bfs::app
