#include "PitchersTableModel.h"

#include "models/CellValue.h"
#include "util/Format.h"

#include "charts/ChartTheme.h"
#include "charts/EvaluationCharts.h"

#include <QBrush>

namespace bfs::app {

PitchersTableModel::PitchersTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PitchersTableModel::setPitchers(std::vector<PitcherResult> pitchers)
{
    beginResetModel();
    m_pitchers = std::move(pitchers);
    endResetModel();
}

int PitchersTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_pitchers.size());
}

int PitchersTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PitchersTableModel::verdictName(PitcherResult::Verdict verdict)
{
    switch (verdict) {
    case PitcherResult::Verdict::Bet:
        return tr("bet");
    case PitcherResult::Verdict::Avoid:
        return tr("avoid");
    case PitcherResult::Verdict::None:
        break;
    }
    return {};
}

QVariant PitchersTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& p = m_pitchers[std::size_t(index.row())];
    const auto& s = p.stats;
    const int column = index.column();
    const bool thin = s.n() < charts::EvaluationCharts::ThinBets;
    const auto verdict = p.verdict();
    switch (role) {
    case VerdictRole:
        return int(verdict);
    case Qt::TextAlignmentRole:
        if (column != Pitcher && column != Lookup && column != Verdict)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        if (verdict == PitcherResult::Verdict::Bet)
            return QBrush(charts::ChartTheme::good().lighter(190));
        if (verdict == PitcherResult::Verdict::Avoid)
            return QBrush(charts::ChartTheme::bad().lighter(185));
        return {};
    case Qt::ForegroundRole:
        if (thin && (column == HitRate || column == Roi110))
            return QBrush(charts::ChartTheme::ideal());
        if (verdict != PitcherResult::Verdict::None)
            return QBrush(Qt::black); // readable on the tint in a dark theme too
        return {};
    case Qt::ToolTipRole:
        if (column == Verdict && verdict == PitcherResult::Verdict::Bet)
            return tr("Hit rate significantly above the −110 break-even (one-tailed z-test, 5% false-discovery rate "
                      "over all pitchers)");
        if (column == Verdict && verdict == PitcherResult::Verdict::Avoid)
            return tr("Hit rate significantly below the −110 break-even (one-tailed z-test, 5% false-discovery rate "
                      "over all pitchers)");
        if (column == Verdict && s.n() < PitcherResult::VerdictMinBets)
            return tr("No verdict under %1 bets").arg(PitcherResult::VerdictMinBets);
        if (thin && (column == HitRate || column == Roi110 || column == Bets))
            return tr("Thin: fewer than %1 bets").arg(charts::EvaluationCharts::ThinBets);
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool display = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Pitcher:
        return p.pitcherName;
    case Lookup:
        return p.playerLookup;
    case Bets:
        return cell::count(s.n(), display);
    case Wins:
        return cell::count(s.wins(), display);
    case Losses:
        return cell::count(s.losses(), display);
    case HitRate:
        return cell::percent(s.hitRate(), display);
    case Roi110:
        return cell::signedPercent(s.roi110(), display);
    case Over:
        return cell::count(p.over, display);
    case Under:
        return cell::count(p.under, display);
    case Bias:
        return display ? QVariant(format::signedDecimal(p.bias, 2)) : cell::raw(p.bias);
    case Verdict:
        // Sorted bet, none, avoid: the pitchers to back first when descending.
        return display ? QVariant(verdictName(verdict))
                       : QVariant(verdict == PitcherResult::Verdict::Bet  ? 1
                               : verdict == PitcherResult::Verdict::Avoid ? -1
                                                                          : 0);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PitchersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Pitcher:
        return tr("Pitcher");
    case Lookup:
        return tr("Normalised name");
    case Bets:
        return tr("Bets");
    case Wins:
        return tr("W");
    case Losses:
        return tr("L");
    case HitRate:
        return tr("Hit rate");
    case Roi110:
        return tr("ROI −110");
    case Over:
        return tr("Over");
    case Under:
        return tr("Under");
    case Bias:
        return tr("Bias");
    case Verdict:
        return tr("Verdict");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace bfs::app
