#include "MatchesTableModel.h"

#include "charts/ChartTheme.h"
#include "models/CellValue.h"

#include <QBrush>

namespace bfs::app {

namespace {

QString number(std::optional<double> value, int decimals = 1)
{
    return value ? QString::number(*value, 'f', decimals) : QString();
}

} // namespace

MatchesTableModel::MatchesTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MatchesTableModel::setMatches(std::vector<EvaluationReport::Match> matches)
{
    beginResetModel();
    m_matches = std::move(matches);
    endResetModel();
}

int MatchesTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_matches.size());
}

int MatchesTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MatchesTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& m = m_matches[std::size_t(index.row())];
    if (role == ResultRole)
        return int(m.result);
    if (role == Qt::TextAlignmentRole) {
        const int column = index.column();
        if (column == Predicted || column == Line || column == Edge || column == Actual)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == Result) {
        if (m.result == BetResult::Win)
            return QBrush(charts::ChartTheme::good());
        if (m.result == BetResult::Loss)
            return QBrush(charts::ChartTheme::bad());
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Line && m.line)
        return m.bookmakers == 1 ? tr("Line of 1 bookmaker") : tr("Consensus of %1 bookmakers").arg(m.bookmakers);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (Column(index.column())) {
    case Date:
        return m.gameDate.toString(Qt::ISODate);
    case Pitcher:
        return m.pitcherName;
    case Lookup:
        return m.playerLookup;
    case Predicted:
        return display ? QVariant(QString::number(m.predicted, 'f', 1)) : QVariant(m.predicted);
    case Line:
        return display ? QVariant(number(m.line)) : cell::raw(m.line);
    case Edge:
        return display ? QVariant(number(m.edge, 2)) : cell::raw(m.edge);
    case Recommendation:
        return m.recommendation ? Grader::name(*m.recommendation) : QString();
    case Actual:
        if (!m.actual)
            return display ? QVariant(QString()) : QVariant();
        return display ? QVariant(QString::number(*m.actual)) : QVariant(*m.actual);
    case Result:
        return Grader::name(m.result);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MatchesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Date:
        return tr("Date");
    case Pitcher:
        return tr("Pitcher");
    case Lookup:
        return tr("Normalised name");
    case Predicted:
        return tr("Predicted");
    case Line:
        return tr("Line");
    case Edge:
        return tr("Edge");
    case Recommendation:
        return tr("Pick");
    case Actual:
        return tr("Actual");
    case Result:
        return tr("Result");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace bfs::app
