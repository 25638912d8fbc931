#include "BookmakersTableModel.h"

#include "models/CellValue.h"

#include "charts/ChartTheme.h"
#include "charts/EvaluationCharts.h"

#include <QBrush>

namespace bfs::app {

BookmakersTableModel::BookmakersTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BookmakersTableModel::setBookmakers(std::vector<EvaluationReport::Group> bookmakers)
{
    beginResetModel();
    m_bookmakers = std::move(bookmakers);
    endResetModel();
}

int BookmakersTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_bookmakers.size());
}

int BookmakersTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookmakersTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& group = m_bookmakers[std::size_t(index.row())];
    const auto& s = group.stats;
    const int column = index.column();
    const bool thin = s.n() < charts::EvaluationCharts::ThinBets;
    const bool rate = column == HitRate || column == Roi110 || column == RoiMarket;
    switch (role) {
    case Qt::TextAlignmentRole:
        return column == Bookmaker ? QVariant() : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return thin && rate ? QVariant(QBrush(charts::ChartTheme::ideal())) : QVariant();
    case Qt::ToolTipRole:
        return thin && (rate || column == Bets)
            ? QVariant(tr("Thin: fewer than %1 bets").arg(charts::EvaluationCharts::ThinBets))
            : QVariant();
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool display = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Bookmaker:
        return group.key;
    case Bets:
        return cell::count(s.n(), display);
    case Wins:
        return cell::count(s.wins(), display);
    case Losses:
        return cell::count(s.losses(), display);
    case Pushes:
        return cell::count(s.pushes(), display);
    case HitRate:
        return cell::percent(s.hitRate(), display);
    case Roi110:
        return cell::signedPercent(s.roi110(), display);
    case RoiMarket:
        return cell::signedPercent(s.roiMarket(), display);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant BookmakersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Bookmaker:
        return tr("Bookmaker");
    case Bets:
        return tr("Bets");
    case Wins:
        return tr("W");
    case Losses:
        return tr("L");
    case Pushes:
        return tr("P");
    case HitRate:
        return tr("Hit rate");
    case Roi110:
        return tr("ROI −110");
    case RoiMarket:
        return tr("ROI market");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace bfs::app
