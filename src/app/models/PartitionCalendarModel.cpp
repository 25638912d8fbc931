#include "PartitionCalendarModel.h"

#include <QColor>
#include <QLocale>

#include "util/Format.h"

namespace bfs::app {

PartitionCalendarModel::PartitionCalendarModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PartitionCalendarModel::setRange(QDate start, QDate end)
{
    beginResetModel();
    if (start.isValid() && end.isValid() && start <= end) {
        m_start = start;
        m_end = end;
    } else {
        m_start = m_end = QDate();
    }
    endResetModel();
}

void PartitionCalendarModel::setPartitions(const QList<PartitionRow>& rows)
{
    QHash<QDate, PartitionRow> next;
    for (const PartitionRow& r : rows)
        next.insert(r.date, r);
    m_rows = std::move(next);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
            { Qt::DisplayRole, Qt::BackgroundRole, Qt::ToolTipRole, StateRole });
}

QDate PartitionCalendarModel::firstMonday() const
{
    return m_start.addDays(1 - m_start.dayOfWeek());
}

int PartitionCalendarModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_start.isValid())
        return 0;
    return int(firstMonday().daysTo(m_end) / 7 + 1);
}

int PartitionCalendarModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 7;
}

QDate PartitionCalendarModel::dateAt(const QModelIndex& index) const
{
    if (!index.isValid() || !m_start.isValid())
        return {};
    const QDate d = firstMonday().addDays(qint64(index.row()) * 7 + index.column());
    return d >= m_start && d <= m_end ? d : QDate();
}

QModelIndex PartitionCalendarModel::indexOf(QDate date) const
{
    if (!m_start.isValid() || date < m_start || date > m_end)
        return {};
    const qint64 offset = firstMonday().daysTo(date);
    return index(int(offset / 7), int(offset % 7));
}

PartitionState PartitionCalendarModel::stateOf(QDate date) const
{
    const auto it = m_rows.constFind(date);
    return it == m_rows.constEnd() ? PartitionState::Pending : it->state;
}

QList<QDate> PartitionCalendarModel::datesIn(PartitionState state) const
{
    QList<QDate> dates;
    for (QDate d = m_start; d.isValid() && d <= m_end; d = d.addDays(1)) {
        if (stateOf(d) == state)
            dates.append(d);
    }
    return dates;
}

QColor PartitionCalendarModel::colorOf(PartitionState state)
{
    switch (state) {
    case PartitionState::Pending:
        return QColor(0xe0, 0xe0, 0xe0);
    case PartitionState::Running:
        return QColor(0x8e, 0xc5, 0xff);
    case PartitionState::Done:
        return QColor(0x8f, 0xd1, 0x8f);
    case PartitionState::Empty:
        return QColor(0xf3, 0xe3, 0xb8);
    case PartitionState::Failed:
        return QColor(0xf2, 0x8b, 0x82);
    }
    return {};
}

QString PartitionCalendarModel::legendText(PartitionState state)
{
    switch (state) {
    case PartitionState::Pending:
        return tr("to fetch");
    case PartitionState::Running:
        return tr("running");
    case PartitionState::Done:
        return tr("done");
    case PartitionState::Empty:
        return tr("empty (no games)");
    case PartitionState::Failed:
        return tr("failed (double-click to retry)");
    }
    return {};
}

QBrush PartitionCalendarModel::outsideBrush()
{
    return QBrush(QColor(0xc8, 0xc8, 0xc8), Qt::BDiagPattern);
}

bool PartitionCalendarModel::isRunningElsewhere(QDate date) const
{
    const auto it = m_rows.constFind(date);
    return it != m_rows.constEnd() && it->state == PartitionState::Running && it->leaseLive && it->owner != m_ownOwner;
}

QVariant PartitionCalendarModel::data(const QModelIndex& index, int role) const
{
    const QDate date = dateAt(index);
    if (!date.isValid())
        return role == Qt::BackgroundRole && index.isValid() && m_start.isValid() ? QVariant(outsideBrush())
                                                                                  : QVariant();
    const PartitionState state = stateOf(date);
    switch (role) {
    case Qt::DisplayRole:
        return date.day() == 1 || date == m_start ? QLocale().toString(date, QStringLiteral("MMM d"))
                                                  : QString::number(date.day());
    case Qt::BackgroundRole:
        return isRunningElsewhere(date) ? elsewhereColor() : colorOf(state);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1: %2").arg(date.toString(Qt::ISODate), partitionStateName(state));
        const auto it = m_rows.constFind(date);
        if (it != m_rows.constEnd() && it->attempts > 0) {
            tip += tr("\n%1 of %2 fetched, %3 missing\n%4, %5, %6, %7")
                       .arg(format::count(it->eventsFetched),
                           format::plural(it->eventsTotal, tr("event"), tr("events")), format::count(it->eventsMissing),
                           format::plural(it->requests, tr("request"), tr("requests")),
                           format::plural(it->credits, tr("credit"), tr("credits")),
                           format::plural(it->attempts, tr("attempt"), tr("attempts")), format::duration(it->seconds));
            if (!it->lastError.isEmpty())
                tip += tr("\nerror: %1").arg(it->lastError);
        }
        if (isRunningElsewhere(date))
            tip += tr("\nrunning on another instance: %1").arg(it->owner);
        if (state == PartitionState::Failed)
            tip += tr("\nDouble-click to retry this date.");
        return tip;
    }
    case DateRole:
        return date;
    case StateRole:
        return int(state);
    default:
        return {};
    }
}

QVariant PartitionCalendarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < 7 ? QLocale().dayName(section + 1, QLocale::ShortFormat) : QVariant();
    if (section < 0 || section >= rowCount())
        return {};
    return QLocale().toString(firstMonday().addDays(qint64(section) * 7), QStringLiteral("MMM d"));
}

Qt::ItemFlags PartitionCalendarModel::flags(const QModelIndex& index) const
{
    return dateAt(index).isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

} // namespace bfs::app
