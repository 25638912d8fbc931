#pragma once

#include "evaluation/EvaluationReport.h"

#include <QAbstractTableModel>

#include <vector>

namespace bfs::app {

// One row per prediction of an EvaluationReport: date, pitcher as written, its
// normalised lookup, prediction, line, edge, recommendation, actual and result.
// SortRole carries raw values (numbers, ISO dates) so a proxy sorts numerically.
class MatchesTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Date, Pitcher, Lookup, Predicted, Line, Edge, Recommendation, Actual, Result, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int ResultRole = Qt::UserRole + 1; // int(BetResult)

    explicit MatchesTableModel(QObject* parent = nullptr);

    void setMatches(std::vector<EvaluationReport::Match> matches);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<EvaluationReport::Match> m_matches;
};

} // namespace bfs::app
