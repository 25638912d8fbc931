#include "PitchersFilterModel.h"

#include "evaluation/NameNormalizer.h"
#include "models/PitchersTableModel.h"

namespace bfs::app {

PitchersFilterModel::PitchersFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PitchersTableModel::SortRole);
}

void PitchersFilterModel::setSearch(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    m_searchLookup = normalizePlayerName(trimmed);
    invalidateFilter(); // Qt 6.4 has no begin/endFilterChange
}

bool PitchersFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const auto* model = sourceModel();
    const QString name = model->index(sourceRow, PitchersTableModel::Pitcher, sourceParent).data().toString();
    if (name.contains(m_search, Qt::CaseInsensitive))
        return true;
    const QString lookup = model->index(sourceRow, PitchersTableModel::Lookup, sourceParent).data().toString();
    return !m_searchLookup.isEmpty() && lookup.contains(m_searchLookup);
}

} // namespace bfs::app
