#pragma once

#include "odds/scrape/PartitionStore.h"

#include <QAbstractTableModel>
#include <QBrush>
#include <QColor>
#include <QDate>
#include <QHash>

namespace bfs::app {

// The per-date partition calendar of the Backfill screen: one row per week (Monday to
// Sunday), one column per weekday, each cell a date of the range coloured by its
// phase-1 state with the attempt's details in the tooltip. Cells outside the range are
// hatched grey, without a day number, and not selectable; an empty date (no games) is a
// pale sand colour with its number, so the two never look alike.
class PartitionCalendarModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { DateRole = Qt::UserRole + 1, StateRole };

    explicit PartitionCalendarModel(QObject* parent = nullptr);

    void setRange(QDate start, QDate end);
    // Partition rows from the database; dates without a row are pending.
    void setPartitions(const QList<PartitionRow>& rows);
    // This window's running backfill ("host pid N run ID"; empty when none): a date running under
    // another owner's live lease is another machine's (team mode) and drawn apart.
    void setOwnOwner(const QString& owner) { m_ownOwner = owner; }
    bool isRunningElsewhere(QDate date) const;
    static QColor elsewhereColor() { return QColor(0xc9, 0xb3, 0xf2); }

    QDate start() const { return m_start; }
    QDate end() const { return m_end; }
    QDate dateAt(const QModelIndex& index) const; // invalid outside the range
    QModelIndex indexOf(QDate date) const;
    PartitionState stateOf(QDate date) const;
    QList<QDate> datesIn(PartitionState state) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    static QColor colorOf(PartitionState state);
    // The legend's words for a state ("empty: no games", …), and the hatch of cells
    // outside the range, which must never read as "empty".
    static QString legendText(PartitionState state);
    static QBrush outsideBrush();

private:
    QDate firstMonday() const;

    QDate m_start;
    QDate m_end;
    QHash<QDate, PartitionRow> m_rows;
    QString m_ownOwner;
};

} // namespace bfs::app
