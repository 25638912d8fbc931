#include "ReportRenderer.h"

#include "EvaluationCharts.h"
#include "ProgressChart.h"
#include "SpeedupChart.h"
#include "util/Format.h"

#include <QAbstractBarSeries>
#include <QAbstractTextDocumentLayout>
#include <QBarSet>
#include <QBuffer>
#include <QGraphicsScene>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>
#include <QUrl>
#include <QXYSeries>

#include <algorithm>
#include <memory>
#include <vector>

namespace bfs::charts {

namespace {

// A font in pixels at 96 dpi instead of points: a QPicture resolves point sizes against the device
// it is replayed on (1200 dpi for the PDF) and then scales them with the chart, pixels it only scales.
QFont inPixels(QFont font)
{
    if (font.pixelSize() <= 0)
        font.setPixelSize(qMax(1, qRound(font.pointSizeF() * 96.0 / 72.0)));
    return font;
}

void usePixelFonts(QChart* chart)
{
    chart->setTitleFont(inPixels(chart->titleFont()));
    chart->legend()->setFont(inPixels(chart->legend()->font()));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(inPixels(axis->labelsFont()));
        axis->setTitleFont(inPixels(axis->titleFont()));
    }
    for (QAbstractSeries* series : chart->series()) {
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets())
                set->setLabelFont(inPixels(set->labelFont()));
        } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            xy->setPointLabelsFont(inPixels(xy->pointLabelsFont()));
        }
    }
}

ReportChart renderChart(QChart* chart)
{
    usePixelFonts(chart);
    QGraphicsScene scene;
    scene.addItem(chart); // the scene owns it from here
    chart->resize(ReportRenderer::ChartWidth, ReportRenderer::ChartHeight);
    chart->setAnimationOptions(QChart::NoAnimation);
    const QRectF area(0, 0, ReportRenderer::ChartWidth, ReportRenderer::ChartHeight);
    ReportChart rendered;
    rendered.image
        = QImage(ReportRenderer::ChartWidth, ReportRenderer::ChartHeight, QImage::Format_ARGB32_Premultiplied);
    rendered.image.fill(Qt::white);
    {
        QPainter painter(&rendered.image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, area, area);
    }
    {
        QPainter painter(&rendered.picture);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, area, area);
    }
    return rendered;
}

// The PDF's charts: a text object that replays the chart's QPicture onto the page's painter,
// scaled to the object's size, so the PDF holds the chart's lines and text, not pixels.
// QTextDocument::print copies the handlers to the clone it lays out for the printer.
class ChartObject final : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int Type = QTextFormat::UserObject + 1;
    static constexpr int NameProperty = QTextFormat::UserProperty + 1;
    static constexpr double Width = ReportRenderer::ChartWidth * 2.0 / 3.0; // in the document's pixels
    static constexpr double Height = Width * ReportRenderer::ChartHeight / ReportRenderer::ChartWidth;

    explicit ChartObject(const ReportImages& images)
        : m_images(images)
    {
    }
    // In the layout's units: the printer's pixels when printing (as QTextDocument sizes images).
    QSizeF intrinsicSize(QTextDocument* document, int, const QTextFormat&) override
    {
        const QPaintDevice* device = document->documentLayout()->paintDevice();
        const double scale = device ? device->logicalDpiX() / 96.0 : 1.0;
        return { Width * scale, Height * scale };
    }
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int, const QTextFormat& format) override
    {
        const auto chart = m_images.charts.find(format.property(NameProperty).toString());
        if (chart == m_images.charts.end())
            return;
        // QPicture::play scales by the device's DPI over the picture's own; undo that, so the
        // chart fills exactly `rect`.
        const QPicture& picture = chart->second.picture;
        const double dpiX = double(painter->device()->logicalDpiX()) / picture.logicalDpiX();
        const double dpiY = double(painter->device()->logicalDpiY()) / picture.logicalDpiY();
        painter->save();
        painter->translate(rect.topLeft());
        painter->scale(
            rect.width() / ReportRenderer::ChartWidth / dpiX, rect.height() / ReportRenderer::ChartHeight / dpiY);
        painter->drawPicture(0, 0, picture);
        painter->restore();
    }

    // Replaces each <img src="chart:NAME"> of `document` with an object drawing NAME.
    static void insertInto(QTextDocument& document)
    {
        std::vector<std::pair<int, QString>> found; // position, chart name
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextImageFormat image = it.fragment().charFormat().toImageFormat();
                if (image.isValid() && image.name().startsWith(QStringLiteral("chart:")))
                    found.emplace_back(it.fragment().position(), image.name().mid(6));
            }
        }
        QTextCursor cursor(&document);
        for (auto it = found.rbegin(); it != found.rend(); ++it) { // from the end: positions stay valid
            QTextCharFormat object;
            object.setObjectType(Type);
            object.setProperty(NameProperty, it->second);
            cursor.setPosition(it->first);
            cursor.setPosition(it->first + 1, QTextCursor::KeepAnchor); // an image is one character
            cursor.insertText(QString(QChar::ObjectReplacementCharacter), object);
        }
    }

private:
    const ReportImages& m_images;
};

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}
QString esc(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString cell(const nlohmann::json& value, int decimals = 4)
{
    if (value.is_null())
        return QStringLiteral("–");
    if (value.is_string())
        return esc(value.get<std::string>());
    if (value.is_number_float())
        return QString::number(value.get<double>(), 'f', decimals);
    return esc(value.dump());
}

QString timestamp(const nlohmann::json& iso)
{
    if (!iso.is_string())
        return QStringLiteral("–");
    return QDateTime::fromString(QString::fromStdString(iso.get<std::string>()), Qt::ISODate)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString percent(const nlohmann::json& value)
{
    return format::percent(value.is_number() ? std::optional(value.get<double>()) : std::nullopt);
}

// A table row; a header row is a <thead>, which QTextDocument repeats on every page the table spans.
QString row(const QStringList& cells, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString html = QStringLiteral("<tr>");
    for (const QString& c : cells)
        html += QStringLiteral("<%1>%2</%1>").arg(tag, c);
    html += QStringLiteral("</tr>");
    return header ? QStringLiteral("<thead>") + html + QStringLiteral("</thead>\n") : html + u'\n';
}

// A setting as a reader writes it: lists joined, nothing for null.
QString setting(const nlohmann::json& value)
{
    if (!value.is_array())
        return cell(value);
    QStringList items;
    for (const auto& item : value)
        items << (item.is_string() ? esc(item.get<std::string>()) : cell(item));
    return items.isEmpty() ? QStringLiteral("–") : items.join(QStringLiteral(", "));
}

// What ran, per phase, from the run records (ProgressReport::configuration).
QString configurationHtml(const nlohmann::json& configuration)
{
    QString h = QStringLiteral("<h2>Configuration</h2>\n");
    const std::pair<const char*, QString> phases[] = { { "backfill", QStringLiteral("Phase 1 · backfill") },
        { "load", QStringLiteral("Phase 2 · load") }, { "features", QStringLiteral("Feature generation") } };
    for (const auto& [kind, title] : phases) {
        const nlohmann::json phase = configuration.value(kind, nlohmann::json());
        h += QStringLiteral("<h3>%1</h3>\n").arg(title);
        if (!phase.is_object()) {
            h += QStringLiteral("<p>No run recorded in this workspace.</p>\n");
            continue;
        }
        const int runs = phase.value("runs", 0);
        h += QStringLiteral("<p>Settings of the latest run (#%1, %2, started %3 UTC)%4.</p>\n<table>\n")
                 .arg(phase.value("latest_run", 0))
                 .arg(esc(phase.value("status", std::string())), timestamp(phase.value("started_at", nlohmann::json())),
                     runs > 1 ? QStringLiteral("; %1 runs in all").arg(runs) : QString());
        const nlohmann::json varied = phase.value("varied", nlohmann::json::object());
        const nlohmann::json settings = phase.value("settings", nlohmann::json::object());
        for (const auto& [key, value] : settings.items()) {
            QString text = setting(value);
            if (varied.contains(key)) {
                QStringList earlier;
                for (std::size_t i = 1; i < varied[key].size(); ++i)
                    earlier << setting(varied[key][i]);
                text += QStringLiteral(" <i>(earlier runs: %1)</i>").arg(earlier.join(QStringLiteral("; ")));
            }
            h += row({ esc(key), text });
        }
        h += QStringLiteral("</table>\n");
    }
    const nlohmann::json evaluation = configuration.value("evaluation", nlohmann::json::object());
    h += QStringLiteral("<h3>Evaluation</h3>\n<table>\n");
    h += row({ QStringLiteral("min_edge"), cell(evaluation.value("min_edge", nlohmann::json()), 2) });
    h += row({ QStringLiteral("predictions"), cell(evaluation.value("predictions", nlohmann::json())) });
    return h + QStringLiteral("</table>\n");
}

// The "Depth" keys (evaluation.md) as the Evaluate screen reads them: accuracy, the bankroll
// and Kelly stake, the recommended threshold, the model against the market, and the pitchers
// and bookmakers tables.
QString evaluationDepthHtml(const nlohmann::json& e)
{
    constexpr std::size_t PitcherRows = 20;
    QString h;
    const auto& accuracy = e["accuracy"];
    h += QStringLiteral("<h3>Prediction accuracy</h3>\n");
    if (accuracy.value("n", 0) == 0) {
        h += QStringLiteral("<p>No prediction has an actual strikeout count yet.</p>\n");
    } else {
        h += QStringLiteral("<table>\n");
        h += row({ QStringLiteral("Predictions with an actual"), cell(accuracy["n"]) });
        h += row({ QStringLiteral("Mean absolute error / RMSE"),
            QStringLiteral("%1 / %2 strikeouts").arg(cell(accuracy["mae"], 2), cell(accuracy["rmse"], 2)) });
        h += row({ QStringLiteral("Bias (mean of predicted − actual)"), cell(accuracy["bias"], 2) });
        h += row({ QStringLiteral("Within 1 / 2 / 3 strikeouts"),
            QStringLiteral("%1 / %2 / %3")
                .arg(percent(accuracy["within_1"]), percent(accuracy["within_2"]), percent(accuracy["within_3"])) });
        h += QStringLiteral("</table>\n");
    }

    h += QStringLiteral("<h3>Bankroll and stake</h3>\n");
    const auto& bankroll = e["bankroll"];
    if (e.value("n", 0) == 0) {
        h += QStringLiteral("<p>No bet has been won or lost yet.</p>\n");
    } else {
        h += QStringLiteral("<table>\n");
        h += row({ QStringLiteral("Units after %1 bets (1 unit each at −110)").arg(cell(e["n"])),
            QString::number(bankroll["units"].get<double>(), 'f', 2) });
        h += row({ QStringLiteral("Largest drawdown"),
            QStringLiteral("%1 units").arg(bankroll["max_drawdown"].get<double>(), 0, 'f', 2) });
        h += row({ QStringLiteral("Longest winning / losing streak"),
            QStringLiteral("%1 / %2 bets")
                .arg(cell(bankroll["longest_winning_streak"]), cell(bankroll["longest_losing_streak"])) });
        h += row({ QStringLiteral("Kelly stake"),
            QStringLiteral("%1 of the bankroll per bet").arg(percent(e["kelly_fraction"])) });
        h += QStringLiteral("</table>\n<p>The Kelly stake assumes every bet is at −110 and that this hit rate holds "
                            "for the bets to come.</p>\n");
    }
    const auto& recommended = e["recommended_min_edge"];
    h += recommended.is_number()
        ? QStringLiteral("<p>Recommended minimum edge: <b>%1</b> (the highest ROI at −110 among thresholds with at "
                         "least %2 bets).</p>\n")
              .arg(recommended.get<double>(), 0, 'f', 2)
              .arg(EvaluationReport::RecommendedMinBets)
        : QStringLiteral("<p>Recommended minimum edge: none — no threshold has %1 bets yet.</p>\n")
              .arg(EvaluationReport::RecommendedMinBets);

    h += QStringLiteral("<h3>Model against the market</h3>\n");
    const auto& market = e["market_comparison"];
    if (market.value("n", 0) == 0) {
        h += QStringLiteral("<p>No won-or-lost bet has a bookmaker quoting both prices at its line.</p>\n");
    } else {
        h += QStringLiteral("<table>\n");
        h += row({ QStringLiteral("Bets compared"), cell(market["n"]) });
        h += row({ QStringLiteral("Brier score: model / market (no vig)"),
            QStringLiteral("%1 / %2").arg(cell(market["brier_model"]), cell(market["brier_market"])) });
        h += row({ QStringLiteral("Verdict"),
            market.value("beats_market", false) ? QStringLiteral("the model beats the market (lower Brier score)")
                                                : QStringLiteral("the market's prices are the better forecast") });
        h += QStringLiteral("</table>\n");
    }

    const auto& pitchers = e["by_pitcher"];
    h += QStringLiteral("<h3>Pitchers</h3>\n");
    if (pitchers.empty()) {
        h += QStringLiteral("<p>No pitcher has a won-or-lost bet yet.</p>\n");
    } else {
        if (pitchers.size() > PitcherRows)
            h += QStringLiteral(
                "<p>The %1 of %2 pitchers with the most bets; the JSON and CSV reports list every one.</p>\n")
                     .arg(PitcherRows)
                     .arg(pitchers.size());
        h += QStringLiteral("<table>\n")
            + row({ QStringLiteral("Pitcher"), QStringLiteral("Bets"), QStringLiteral("W / L"),
                      QStringLiteral("Hit rate"), QStringLiteral("ROI −110"), QStringLiteral("Over / under"),
                      QStringLiteral("Bias") },
                true);
        for (std::size_t i = 0; i < std::min(PitcherRows, pitchers.size()); ++i) {
            const auto& p = pitchers[i];
            h += row({ cell(p["pitcher_name"]), cell(p["n"]),
                QStringLiteral("%1 / %2").arg(cell(p["wins"]), cell(p["losses"])), percent(p["hit_rate"]),
                percent(p["roi_110"]), QStringLiteral("%1 / %2").arg(cell(p["over"]), cell(p["under"])),
                cell(p["bias"], 2) });
        }
        h += QStringLiteral("</table>\n");
    }

    const auto& books = e["by_bookmaker"];
    if (!books.empty()) {
        h += QStringLiteral("<h3>Bookmakers</h3>\n<p>Each bet graded against the bookmaker's own line.</p>\n<table>\n")
            + row({ QStringLiteral("Bookmaker"), QStringLiteral("Bets"), QStringLiteral("W / L / P"),
                      QStringLiteral("Hit rate"), QStringLiteral("ROI −110"), QStringLiteral("ROI at its prices") },
                true);
        for (const auto& [name, b] : books.items()) {
            h += row({ esc(name), cell(b["n"]),
                QStringLiteral("%1 / %2 / %3").arg(cell(b["wins"]), cell(b["losses"]), cell(b["pushes"])),
                percent(b["hit_rate"]), percent(b["roi_110"]), percent(b["roi_market"]) });
        }
        h += QStringLiteral("</table>\n");
    }
    return h;
}

QString decisionColour(const QString& decision)
{
    if (decision == u"EXCEPTIONAL" || decision == u"STRONG")
        return QStringLiteral("#2ca02c");
    if (decision == u"MARGINAL" || decision == u"INCONCLUSIVE")
        return QStringLiteral("#ff7f0e");
    return QStringLiteral("#d62728");
}

} // namespace

QStringList ReportRenderer::chartNames(const ProgressReport& report)
{
    QStringList names;
    if (!report.progressOverTime.empty())
        names << QStringLiteral("progress");
    if (report.evaluation && report.evaluation->overall.n() > 0)
        names << QStringLiteral("cumulative") << QStringLiteral("edge-buckets");
    if (report.benchmark && !report.benchmark->summary.value("runs", nlohmann::json::array()).empty())
        names << QStringLiteral("speedup");
    return names;
}

ReportImages ReportRenderer::renderCharts(const ProgressReport& report)
{
    ReportImages images;
    for (const QString& name : chartNames(report)) {
        QChart* chart = nullptr;
        if (name == u"progress") {
            auto* progress
                = new ProgressChart(QStringLiteral("Phase 1: dates finished over time"), QStringLiteral("dates"));
            QList<QPointF> points;
            for (const auto& [hours, dates] : report.progressOverTime)
                points << QPointF(hours * 3600.0, dates);
            progress->reset(report.status.value("phase1", nlohmann::json::object()).value("total", qint64(0)));
            progress->setPoints(points);
            chart = progress;
        } else if (name == u"speedup") {
            auto* speedup = new SpeedupChart;
            QList<QPointF> points;
            int maxWorkers = 2;
            for (const auto& run : report.benchmark->summary["runs"]) {
                const int workers = run.value("workers", 0);
                points << QPointF(workers, run.value("speedup", 0.0));
                maxWorkers = std::max(maxWorkers, workers);
            }
            speedup->setMaxWorkers(maxWorkers);
            speedup->setMeasured(points);
            chart = speedup;
        } else if (name == u"cumulative") {
            chart = EvaluationCharts::cumulativeHitRate(*report.evaluation);
        } else {
            chart = EvaluationCharts::hitRateByGroup(
                report.evaluation->byEdgeBucket, QStringLiteral("Hit rate by edge bucket"));
        }
        images.charts[name] = renderChart(chart);
    }
    return images;
}

QString ReportRenderer::html(
    const ProgressReport& report, bool withCharts, const std::function<QString(const QString&)>& imageSource)
{
    const nlohmann::json json = report.toJson();
    const auto& status = report.status;
    const QStringList charts = withCharts ? chartNames(report) : QStringList();
    auto chart = [&](const char* name) {
        const QString key = QString::fromLatin1(name);
        return charts.contains(key)
            ? QStringLiteral("<p><img src=\"%1\" width=\"%2\"></p>\n").arg(imageSource(key)).arg(ChartWidth)
            : QString();
    };
    QString h;
    h += QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Backfill Studio progress report</title>\n"
        "<style>body{font-family:sans-serif;margin:24px;color:#222} table{border-collapse:collapse;margin:8px 0 18px}"
        " td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;white-space:nowrap;font-size:9pt} "
        "th{background:#f0f0f0}"
        " h2{margin-top:28px;border-bottom:1px solid #ddd}"
        " img{max-width:100%}</style></head><body>\n");
    h += QStringLiteral(
        "<h1>Backfill Studio progress report</h1>\n<p>Workspace: <code>%1</code><br>Generated: %2 UTC</p>\n")
             .arg(esc(report.workspace), esc(report.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));

    h += QStringLiteral("<h2>Progress by phase</h2>\n<table>\n");
    h += row(
        { QStringLiteral("Phase"), QStringLiteral("Done"), QStringLiteral("Total"), QStringLiteral("Percent") }, true);
    const std::pair<const char*, const char*> phases[] = { { "phase1", "1 · fetch odds (dates)" },
        { "phase2", "2 · load lines (files)" }, { "phase3", "3 · match predictions" } };
    for (const auto& [key, label] : phases) {
        const auto p = status.value(key, nlohmann::json::object());
        h += row({ QString::fromUtf8(label), cell(p.value("done", nlohmann::json())),
            cell(p.value("total", nlohmann::json())),
            p.contains("percent") ? QString::number(p["percent"].get<double>(), 'f', 1) + u'%' : QStringLiteral("–") });
    }
    h += QStringLiteral("</table>\n<p>Coverage: <b>%1</b> · readiness: <b>%2</b></p>\n")
             .arg(percent(status.value("coverage", nlohmann::json())),
                 cell(status.value("readiness", nlohmann::json())));

    h += QStringLiteral("<h2>Partitions</h2>\n<table>\n");
    h += row({ QStringLiteral("Pending"), QStringLiteral("Running"), QStringLiteral("Done"), QStringLiteral("Empty"),
                 QStringLiteral("Failed") },
        true);
    const auto states = status.value("partitions", nlohmann::json::object());
    h += row({ cell(states.value("pending", 0)), cell(states.value("running", 0)), cell(states.value("done", 0)),
        cell(states.value("empty", 0)), cell(states.value("failed", 0)) });
    h += QStringLiteral("</table>\n");
    const auto failures = status.value("failed_dates", nlohmann::json::array());
    if (!failures.empty()) {
        h += QStringLiteral("<p>Failed dates:</p><table>\n")
            + row({ QStringLiteral("Date"), QStringLiteral("Error") }, true);
        for (const auto& f : failures)
            h += row({ cell(f.value("date", nlohmann::json())), cell(f.value("error", nlohmann::json())) });
        h += QStringLiteral("</table>\n");
    }
    const auto quota = status.value("quota", nlohmann::json());
    if (quota.is_object() && quota.contains("requests_remaining"))
        h += QStringLiteral("<p>API quota remaining: %1 credits</p>\n").arg(cell(quota["requests_remaining"]));
    h += chart("progress");

    h += QStringLiteral("<h2>Evaluation</h2>\n");
    if (report.evaluation) {
        const auto e = report.evaluation->summaryJson(); // the matches are not part of a report
        const QString decision = QString::fromStdString(e.value("decision", std::string()));
        // Inline style: QTextDocument (the PDF) ignores class selectors on paragraphs.
        h += QStringLiteral("<p style=\"color:%1; font-size:14pt; font-weight:bold\">Decision: %2</p>\n")
                 .arg(decisionColour(decision), esc(decision));
        h += QStringLiteral("<table>\n");
        h += row({ QStringLiteral("Hit rate"),
            QStringLiteral("%1 (95% Wilson interval %2 – %3)")
                .arg(percent(e["hit_rate"]), percent(e["wilson_low"]), percent(e["wilson_high"])) });
        h += row({ QStringLiteral("Break-even (−110)"), percent(e["breakeven"]) });
        h += row({ QStringLiteral("Bets (wins / losses / pushes)"),
            QStringLiteral("%1 (%2 / %3 / %4)")
                .arg(cell(e["bets"]), cell(e["wins"]), cell(e["losses"]), cell(e["pushes"])) });
        h += row({ QStringLiteral("Predictions / with a line / coverage"),
            QStringLiteral("%1 / %2 / %3").arg(cell(e["predictions"]), cell(e["with_line"]), percent(e["coverage"])) });
        h += row({ QStringLiteral("Passes / no line / ungraded"),
            QStringLiteral("%1 / %2 / %3").arg(cell(e["passes"]), cell(e["no_line"]), cell(e["ungraded"])) });
        h += row({ QStringLiteral("z / p-value (one-tailed)"),
            QStringLiteral("%1 / %2 (%3)")
                .arg(cell(e["z"]), cell(e["p_value"]),
                    e.value("significant", false) ? QStringLiteral("significant")
                                                  : QStringLiteral("not significant")) });
        h += row({ QStringLiteral("ROI at −110 / at market prices"),
            QStringLiteral("%1 / %2").arg(percent(e["roi_110"]), percent(e["roi_market"])) });
        h += row({ QStringLiteral("Minimum edge"), QString::number(report.minEdge, 'f', 2) });
        h += row({ QStringLiteral("Readiness"), cell(e["readiness"]) });
        h += QStringLiteral("</table>\n");
        h += evaluationDepthHtml(e);
    } else {
        h += QStringLiteral("<p>No predictions imported yet.</p>\n");
    }
    h += chart("cumulative");
    h += chart("edge-buckets");

    h += QStringLiteral("<h2>Feature generation</h2>\n");
    const auto featureRuns = json.value("feature_runs", nlohmann::json::array());
    if (featureRuns.empty()) {
        h += QStringLiteral("<p>No feature-generation runs recorded in this workspace.</p>\n");
    } else {
        h += QStringLiteral("<table width=\"100%\">\n")
            + row({ QStringLiteral("Started (UTC)"), QStringLiteral("Status"), QStringLiteral("Races"),
                      QStringLiteral("Runners"), QStringLiteral("Workers"), QStringLiteral("Seconds"),
                      QStringLiteral("Read"), QStringLiteral("Compute"), QStringLiteral("Write") },
                true);
        for (const auto& r : featureRuns) {
            const auto stages = r.value("stages", nlohmann::json::object());
            h += row({ timestamp(r["started_at"]), cell(r["status"]), cell(r["races"]), cell(r["runners"]),
                cell(r["workers"]), cell(r["seconds"], 2), cell(stages.value("read", nlohmann::json()), 2),
                cell(stages.value("compute", nlohmann::json()), 2), cell(stages.value("write", nlohmann::json()), 2) });
        }
        h += QStringLiteral("</table>\n");
    }
    if (report.benchmark) {
        h += QStringLiteral("<p>Speedup benchmark (%1 UTC):</p><table>\n")
                 .arg(esc(report.benchmark->startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        h += row({ QStringLiteral("Workers"), QStringLiteral("Seconds"), QStringLiteral("Speedup"),
                     QStringLiteral("Efficiency") },
            true);
        for (const auto& r : report.benchmark->summary.value("runs", nlohmann::json::array()))
            h += row({ cell(r["workers"]), cell(r["seconds"], 3), cell(r["speedup"], 2), percent(r["efficiency"]) });
        h += QStringLiteral("</table>\n");
    }
    h += chart("speedup");

    h += configurationHtml(report.configuration);
    h += QStringLiteral("</body></html>\n");
    return h;
}

bool ReportRenderer::write(const ProgressReport& report, const ReportImages& images, const QString& format,
    const QString& path, QString& error)
{
    const QString lower = format.toLower();
    if (!ProgressReport::formats().contains(lower)) {
        error = QStringLiteral("unsupported report format '%1' (supported: %2)")
                    .arg(format, ProgressReport::formats().join(QStringLiteral(", ")));
        return false;
    }
    if (lower == u"json" || lower == u"csv")
        return report.writeNumbers(lower, path, error);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (lower == u"html") {
        file.write(html(report, true, [&images](const QString& name) {
            return QStringLiteral("data:image/png;base64,")
                + QString::fromLatin1(png(images.charts.at(name).image).toBase64());
        }).toUtf8());
    } else {
        QTextDocument document;
        ChartObject charts(images);
        document.documentLayout()->registerHandler(ChartObject::Type, &charts);
        document.setHtml(html(report, true, [](const QString& name) { return QStringLiteral("chart:") + name; }));
        ChartObject::insertInto(document);
        QPdfWriter writer(&file); // flushed when it goes out of scope, before the commit
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(QStringLiteral("Backfill Studio progress report"));
        writer.setCreator(QStringLiteral("Backfill Studio"));
        document.print(&writer);
    }
    if (!file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace bfs::charts

#include "ReportRenderer.moc"
