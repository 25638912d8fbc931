#include "BookmakersTableModel.h"

#include "util/Format.h"

#include "charts/ChartTheme.h"
#include "charts/EvaluationCharts.h"

#include <QBrush>

namespace bfs::app {

namespace {

QVariant raw(std::optional<double> value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

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
        return display ? QVariant(format::count(s.n())) : QVariant(s.n());
    case Wins:
        return display ? QVariant(format::count(s.wins())) : QVariant(s.wins());
    case Losses:
        return display ? QVariant(format::count(s.losses())) : QVariant(s.losses());
    case Pushes:
        return display ? QVariant(format::count(s.pushes())) : QVariant(s.pushes());
    case HitRate:
        return display ? QVariant(format::percent(s.hitRate())) : raw(s.hitRate());
    case Roi110:
        return display ? QVariant(format::signedPercent(s.roi110())) : raw(s.roi110());
    case RoiMarket:
        return display ? QVariant(format::signedPercent(s.roiMarket())) : raw(s.roiMarket());
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
