#pragma once

#include "models/PitcherSearch.h"

#include <QSortFilterProxyModel>

namespace bfs::app {

// Filters a PitchersTableModel by a search matched against the name as written and,
// normalised, against the lookup (so "berrios" finds "José Berríos", as on the matches
// tab); sorts on the source's raw SortRole values.
class PitchersFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PitchersFilterModel(QObject* parent = nullptr);

    void setSearch(const QString& text);
    QString search() const { return m_search.text(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    PitcherSearch m_search;
};

} // namespace bfs::app
