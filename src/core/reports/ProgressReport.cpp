#include "ProgressReport.h"

#include "evaluation/Evaluator.h"
#include "evaluation/PredictionStore.h"
#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/PartitionStore.h"
#include "reports/WorkspaceStatus.h"
#include "storage/Workspace.h"
#include "util/JsonFlatten.h"

#include <QSaveFile>

#include <algorithm>

namespace bfs {

namespace {

std::string text(const QString& value)
{
    return value.toStdString();
}

nlohmann::json runJson(const RunRecord& run)
{
    return { { "id", run.id }, { "kind", text(run.kind) }, { "status", text(run.status) },
        { "started_at", text(run.startedAt.toString(Qt::ISODate)) },
        { "ended_at",
            run.endedAt.isValid() ? nlohmann::json(text(run.endedAt.toString(Qt::ISODate))) : nlohmann::json() },
        { "seconds", run.seconds() }, { "config", run.config }, { "summary", run.summary } };
}

} // namespace

const QStringList& ProgressReport::formats()
{
    static const QStringList list { QStringLiteral("html"), QStringLiteral("pdf"), QStringLiteral("csv"),
        QStringLiteral("json") };
    return list;
}

nlohmann::json ProgressReport::configurationOf(
    const QList<RunRecord>& runs, double minEdge, const QString& predictionSource)
{
    nlohmann::json configuration { { "evaluation",
        { { "min_edge", minEdge },
            { "predictions",
                predictionSource.isEmpty() ? nlohmann::json() : nlohmann::json(text(predictionSource)) } } } };
    for (const char* kind : { "backfill", "load", "features" }) {
        const RunRecord* latest = nullptr;
        std::vector<nlohmann::json> settings; // of this phase's runs, newest first
        for (const RunRecord& run : runs) {
            if (run.kind != QLatin1String(kind))
                continue;
            latest = latest ? latest : &run;
            settings.push_back(RunHistory::redacted(run.config));
        }
        if (!latest) {
            configuration[kind] = nullptr;
            continue;
        }
        // Settings an earlier run of this phase had with another value: every value used, newest first.
        nlohmann::json varied = nlohmann::json::object();
        for (const auto& [key, value] : settings.front().items()) {
            nlohmann::json values = nlohmann::json::array({ value });
            for (const nlohmann::json& earlier : settings) {
                const nlohmann::json other = earlier.value(key, nlohmann::json());
                if (std::find(values.begin(), values.end(), other) == values.end())
                    values.push_back(other);
            }
            if (values.size() > 1)
                varied[key] = values;
        }
        configuration[kind] = { { "runs", settings.size() }, { "latest_run", latest->id },
            { "status", text(latest->status) }, { "started_at", text(latest->startedAt.toString(Qt::ISODate)) },
            { "settings", settings.front() }, { "varied", varied } };
    }
    return configuration;
}

std::optional<ProgressReport> ProgressReport::collect(const Workspace& workspace, double minEdge, QString& error)
{
    ProgressReport report;
    report.workspace = workspace.dir();
    report.generatedAt = QDateTime::currentDateTimeUtc();
    report.minEdge = minEdge;
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    RunHistory history(connection);
    report.runs = history.list();
    // The sport the backfill ran for; the default sport when there was none.
    report.sport = BackfillSettings().sport;
    for (const RunRecord& run : report.runs) {
        if (run.kind == u"backfill" && run.config.contains("sport") && run.config["sport"].is_string()) {
            report.sport = QString::fromStdString(run.config["sport"].get<std::string>());
            break;
        }
    }
    report.configuration = configurationOf(report.runs, minEdge, PredictionStore::source(connection));

    const auto status = WorkspaceStatus::collect(workspace, report.sport, error);
    if (!status)
        return std::nullopt;
    report.status = status->toJson();

    // Progress over time: each finished date at its finish time.
    QList<QDateTime> finished;
    for (const PartitionRow& row : PartitionStore(connection.db()).rows(report.sport)) {
        if ((row.state == PartitionState::Done || row.state == PartitionState::Empty) && row.finishedAt.isValid())
            finished << row.finishedAt;
    }
    std::sort(finished.begin(), finished.end());
    for (int i = 0; i < finished.size(); ++i)
        report.progressOverTime.emplace_back(finished.first().msecsTo(finished.at(i)) / 3600000.0, double(i + 1));

    if (const auto input = Evaluator::load(connection, error); input && !input->predictions.empty())
        report.evaluation = Evaluator::evaluate(*input, minEdge);
    else if (!input)
        return std::nullopt;

    for (const RunRecord& run : report.runs) {
        if (run.kind == u"benchmark-features" && run.status == u"completed") {
            report.benchmark = run;
            break;
        }
    }
    return report;
}

nlohmann::json ProgressReport::toJson() const
{
    auto runs = nlohmann::json::array();
    auto featureRuns = nlohmann::json::array();
    for (const RunRecord& run : this->runs) {
        runs.push_back(runJson(run));
        if (run.kind == u"features")
            featureRuns.push_back(
                { { "started_at", text(run.startedAt.toString(Qt::ISODate)) }, { "status", text(run.status) },
                    { "races", run.summary.value("races", 0) }, { "runners", run.summary.value("runners", 0) },
                    { "workers", run.summary.value("workers", 0) }, { "seconds", run.summary.value("seconds", 0.0) },
                    { "stages", run.summary.value("stages", nlohmann::json::object()) } });
    }
    auto progress = nlohmann::json::array();
    for (const auto& [hours, dates] : progressOverTime)
        progress.push_back({ { "hours", hours }, { "dates_finished", dates } });
    nlohmann::json json {
        { "title", "Backfill Studio progress report" },
        { "workspace", text(workspace) },
        { "generated_at", text(generatedAt.toString(Qt::ISODate)) },
        { "sport", text(sport) },
        { "status", status },
        { "progress_over_time", progress },
        { "evaluation", evaluation ? evaluation->toJson() : nlohmann::json() },
        { "feature_runs", featureRuns },
        { "benchmark", benchmark ? benchmark->summary : nlohmann::json() },
        { "runs", runs },
        { "configuration", configuration },
    };
    // The headline numbers at the top level, for scripts.
    json["phase1"] = status.value("phase1", nlohmann::json());
    json["phase2"] = status.value("phase2", nlohmann::json());
    json["phase3"] = status.value("phase3", nlohmann::json());
    json["coverage"] = status.value("coverage", nlohmann::json());
    json["readiness"] = status.value("readiness", nlohmann::json());
    if (evaluation) {
        const auto e = evaluation->toJson();
        for (const char* key : { "hit_rate", "wilson_low", "wilson_high", "breakeven", "p_value", "roi_110",
                 "roi_market", "decision", "bets", "wins", "losses", "pushes" })
            json[key] = e.value(key, nlohmann::json());
    }
    return json;
}

bool ProgressReport::writeNumbers(const QString& format, const QString& path, QString& error) const
{
    QByteArray bytes;
    if (format == u"json")
        bytes = QByteArray::fromStdString(toJson().dump(2)) + '\n';
    else if (format == u"csv")
        bytes = toCsv();
    else {
        error = QStringLiteral("'%1' is not a data format (json, csv)").arg(format);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QByteArray ProgressReport::toCsv() const
{
    QByteArray out = "key,value\r\n";
    nlohmann::json json = toJson();
    // One row per prediction is the matches table, not a progress number: the Evaluate
    // screen exports it on its own.
    if (json["evaluation"].is_object())
        json["evaluation"].erase("matches");
    for (const auto& [key, value] : flattenJson(json)) {
        std::string cell = value.is_string() ? value.get<std::string>()
            : value.is_null()                ? std::string()
                                             : value.dump();
        if (cell.find_first_of(",\"\n\r") != std::string::npos) { // RFC 4180 quoting
            std::string quoted = "\"";
            for (const char c : cell)
                quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            cell = quoted + "\"";
        }
        out += QByteArray::fromStdString(key) + ',' + QByteArray::fromStdString(cell) + "\r\n";
    }
    return out;
}

} // namespace bfs
