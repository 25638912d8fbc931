#include "MatchesFilterModel.h"

#include "models/MatchesTableModel.h"

namespace bfs::app {

MatchesFilterModel::MatchesFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MatchesTableModel::SortRole);
}

void MatchesFilterModel::setResultFilter(std::optional<BetResult> result)
{
    if (m_result == result)
        return;
    m_result = result;
    invalidateFilter(); // Qt 6.4 has no begin/endFilterChange
}

void MatchesFilterModel::setPitcherSearch(const QString& text)
{
    if (m_search.set(text))
        invalidateFilter(); // Qt 6.4 has no begin/endFilterChange
}

bool MatchesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = sourceModel();
    if (m_result) {
        const int result = model->index(sourceRow, 0, sourceParent).data(MatchesTableModel::ResultRole).toInt();
        if (result != int(*m_result))
            return false;
    }
    if (m_search.isEmpty())
        return true;
    return m_search.matches(model->index(sourceRow, MatchesTableModel::Pitcher, sourceParent).data().toString(),
        model->index(sourceRow, MatchesTableModel::Lookup, sourceParent).data().toString());
}

} // namespace bfs::app
