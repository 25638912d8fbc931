#include "PitchersFilterModel.h"

#include "models/PitchersTableModel.h"

namespace bfs::app {

PitchersFilterModel::PitchersFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PitchersTableModel::SortRole);
}

void PitchersFilterModel::setSearch(const QString& text)
{
    if (m_search.set(text))
        invalidateFilter(); // Qt 6.4 has no begin/endFilterChange
}

bool PitchersFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const auto* model = sourceModel();
    return m_search.matches(model->index(sourceRow, PitchersTableModel::Pitcher, sourceParent).data().toString(),
        model->index(sourceRow, PitchersTableModel::Lookup, sourceParent).data().toString());
}

} // namespace bfs::app
