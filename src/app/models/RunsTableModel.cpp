#include "RunsTableModel.h"

#include <QColor>
#include <QLocale>

#include "util/Format.h"

namespace bfs::app {

namespace {
double summarySeconds(const RunRecord& run)
{
    // The job's own clock when it recorded one; the row's timestamps otherwise.
    if (run.summary.is_object() && run.summary.contains("seconds") && run.summary["seconds"].is_number())
        return run.summary["seconds"].get<double>();
    return run.seconds();
}

QString number(const nlohmann::json& value)
{
    if (value.is_number_integer())
        return QLocale().toString(value.get<qint64>());
    if (value.is_number())
        return QLocale().toString(value.get<double>(), 'f', 2);
    return QStringLiteral("–");
}

QString percent(const nlohmann::json& value)
{
    return format::percent(value.is_number() ? std::optional(value.get<double>()) : std::nullopt);
}
} // namespace

RunsTableModel::RunsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RunsTableModel::setRuns(QList<RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

const RunRecord* RunsTableModel::runAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs.at(row) : nullptr;
}

QString RunsTableModel::kindName(const QString& kind)
{
    if (kind == u"features")
        return tr("Features");
    if (kind == u"benchmark-features")
        return tr("Feature benchmark");
    if (kind == u"backfill")
        return tr("Backfill");
    if (kind == u"load")
        return tr("Load lines");
    if (kind == u"evaluate")
        return tr("Evaluation");
    return kind;
}

QString RunsTableModel::headline(const RunRecord& run)
{
    const auto& s = run.summary;
    // A run that failed is remembered by its error first.
    if ((run.status == u"failed" || run.status == u"aborted") && s.is_object() && s.contains("error")
        && s["error"].is_string())
        return tr("%1: %2").arg(run.status, QString::fromStdString(s["error"].get<std::string>()));
    if (!s.is_object() || s.empty())
        return run.status == u"running" ? tr("running or interrupted") : QString();
    if (run.kind == u"features")
        return tr("%1 races · %2 runners · %3")
            .arg(number(s.value("races", nlohmann::json())), number(s.value("runners", nlohmann::json())),
                format::plural(s.value("workers", 0), tr("worker"), tr("workers")));
    if (run.kind == u"benchmark-features") {
        QStringList parts;
        for (const auto& r : s.value("runs", nlohmann::json::array()))
            parts << tr("%1: %2×").arg(format::plural(r.value("workers", 0), tr("worker"), tr("workers")),
                number(r.value("speedup", nlohmann::json())));
        return parts.join(QStringLiteral(" · "));
    }
    if (run.kind == u"backfill")
        return tr("%1 done · %2 empty · %3 failed of %4 dates · %5 requests")
            .arg(number(s.value("dates_done", nlohmann::json())), number(s.value("dates_empty", nlohmann::json())),
                number(s.value("dates_failed", nlohmann::json())), number(s.value("dates_total", nlohmann::json())),
                number(s.value("requests", nlohmann::json())));
    if (run.kind == u"load")
        return tr("%1 files · %2 new rows")
            .arg(number(s.value("files_loaded", nlohmann::json())), number(s.value("rows_inserted", nlohmann::json())));
    if (run.kind == u"evaluate")
        return tr("hit rate %1 · %2 bets · %3")
            .arg(percent(s.value("hit_rate", nlohmann::json())), number(s.value("bets", nlohmann::json())),
                QString::fromStdString(s.value("decision", std::string())));
    return QString::fromStdString(s.dump()).left(120);
}

int RunsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord& run = m_runs.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return run.id;
        case Kind:
            return kindName(run.kind);
        case Status:
            return run.status;
        case Started:
            return run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Duration:
            if (!run.endedAt.isValid())
                return QStringLiteral("–");
            return format::duration(summarySeconds(run));
        case Headline:
            return headline(run);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (run.status == u"completed")
            return QColor(0x2c, 0xa0, 0x2c);
        if (run.status == u"failed" || run.status == u"aborted")
            return QColor(0xd6, 0x27, 0x28);
        if (run.status == u"cancelled")
            return QColor(0xff, 0x7f, 0x0e);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Duration))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole)
        return run.id;
    return {};
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Run");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Headline:
        return tr("Result");
    }
    return {};
}

} // namespace bfs::app
