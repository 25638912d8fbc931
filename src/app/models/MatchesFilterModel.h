#pragma once

#include "evaluation/Grader.h"
#include "models/PitcherSearch.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace bfs::app {

// Filters a MatchesTableModel by result and by a pitcher search (matched against the
// name as written and, normalised, against the lookup, so "berrios" finds "José
// Berríos"); sorts on the source's raw SortRole values.
class MatchesFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit MatchesFilterModel(QObject* parent = nullptr);

    void setResultFilter(std::optional<BetResult> result);
    std::optional<BetResult> resultFilter() const { return m_result; }
    void setPitcherSearch(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<BetResult> m_result;
    PitcherSearch m_search;
};

} // namespace bfs::app
