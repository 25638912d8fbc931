#include "EvaluationCharts.h"

#include "ChartTheme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace bfs::charts {

namespace {

constexpr double BreakevenPercent = HitRateStats::Breakeven * 100.0;

QString breakevenName()
{
    return QObject::tr("Break-even %1 %").arg(BreakevenPercent, 0, 'f', 1);
}

QLineSeries* breakevenSeries(QChart* chart)
{
    auto* series = new QLineSeries(chart);
    series->setName(breakevenName());
    series->setPen(QPen(ChartTheme::bad(), 1.5, Qt::DashLine));
    return series;
}

QChart* newChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

QValueAxis* percentAxis(QChart* chart, const QString& title, double low, double high)
{
    auto* axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setRange(low, high);
    axis->applyNiceNumbers();
    return axis;
}

} // namespace

QString EvaluationCharts::categoryLabel(const QString& key, int n)
{
    QString shown = key; // the JSON's "[2,inf)" as a reader writes it: "[2, ∞)"
    shown.replace(QStringLiteral(",inf)"), QStringLiteral(", ∞)"));
    if (shown.startsWith(u'[') && !shown.contains(QStringLiteral(", ")))
        shown.replace(u',', QStringLiteral(", "));
    return QStringLiteral("%1\nn=%2%3").arg(shown).arg(n).arg(n < ThinBets ? QStringLiteral(" · thin") : QString());
}

QChart* EvaluationCharts::cumulativeHitRate(const EvaluationReport& report)
{
    auto* chart = newChart(report.cumulative.empty() ? QObject::tr("Cumulative hit rate — no graded bets yet")
                                                     : QObject::tr("Cumulative hit rate"));
    auto* hitRate = new QLineSeries(chart);
    hitRate->setName(QObject::tr("Hit rate"));
    hitRate->setPen(QPen(ChartTheme::measured(), 2.5));
    auto* breakeven = breakevenSeries(chart);
    double low = BreakevenPercent, high = BreakevenPercent;
    for (const auto& point : report.cumulative) {
        const double x = double(point.date.startOfDay().toMSecsSinceEpoch());
        const double y = point.hitRate() * 100.0;
        hitRate->append(x, y);
        low = std::min(low, y);
        high = std::max(high, y);
    }
    if (!report.cumulative.empty()) {
        breakeven->append(hitRate->points().first().x(), BreakevenPercent);
        breakeven->append(hitRate->points().last().x(), BreakevenPercent);
    }
    chart->addSeries(hitRate);
    chart->addSeries(breakeven);

    auto* dates = new QDateTimeAxis(chart);
    dates->setFormat(QStringLiteral("MMM d"));
    dates->setTitleText(QObject::tr("game date"));
    dates->setTickCount(6);
    // The dates of the graded bets; with none, the predictions' dates (an empty axis would read
    // "Jan 1, Jan 1, …"), and with no predictions either, no date labels at all.
    QDate first, last;
    if (!report.cumulative.empty()) {
        first = report.cumulative.front().date;
        last = report.cumulative.back().date;
    } else {
        for (const auto& match : report.matches) {
            first = first.isValid() ? std::min(first, match.gameDate) : match.gameDate;
            last = last.isValid() ? std::max(last, match.gameDate) : match.gameDate;
        }
    }
    if (first.isValid())
        dates->setRange(first.startOfDay(), (last > first ? last : first.addDays(1)).startOfDay());
    else
        dates->setLabelsVisible(false);
    chart->addAxis(dates, Qt::AlignBottom);
    auto* percent = percentAxis(chart, QObject::tr("hit rate (%)"), std::max(0.0, std::floor(low / 5) * 5 - 5),
        std::min(100.0, std::ceil(high / 5) * 5 + 5));
    chart->addAxis(percent, Qt::AlignLeft);
    for (auto* series : { hitRate, breakeven }) {
        series->attachAxis(dates);
        series->attachAxis(percent);
    }
    return chart;
}

QChart* EvaluationCharts::hitRateByGroup(const std::vector<EvaluationReport::Group>& groups, const QString& title)
{
    const bool anyThin = std::any_of(
        groups.begin(), groups.end(), [](const EvaluationReport::Group& g) { return g.stats.n() < ThinBets; });
    auto* chart = newChart(anyThin ? QObject::tr("%1 (pale: fewer than %2 bets)").arg(title).arg(ThinBets) : title);
    auto* set = new QBarSet(QObject::tr("Hit rate"));
    set->setColor(ChartTheme::measured());
    set->setSelectedColor(ChartTheme::measured().lighter(165)); // thin groups are "selected"
    set->setLabelColor(Qt::white);
    QStringList categories;
    for (const auto& group : groups) {
        const auto rate = group.stats.hitRate();
        set->append(rate ? *rate * 100.0 : 0.0);
        if (group.stats.n() < ThinBets)
            set->selectBar(set->count() - 1);
        categories << categoryLabel(group.key, group.stats.n());
    }
    auto* bars = new QBarSeries(chart);
    bars->setName(QObject::tr("Hit rate"));
    bars->append(set);
    bars->setLabelsVisible(true);
    bars->setLabelsFormat(QStringLiteral("@value"));
    bars->setLabelsPrecision(3);
    bars->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(bars);

    auto* breakeven = breakevenSeries(chart);
    if (!groups.empty()) {
        breakeven->append(-0.5, BreakevenPercent);
        breakeven->append(double(groups.size()) - 0.5, BreakevenPercent);
    }
    chart->addSeries(breakeven);

    auto* axis = new QBarCategoryAxis(chart);
    axis->append(categories);
    chart->addAxis(axis, Qt::AlignBottom);
    auto* percent = percentAxis(chart, QObject::tr("hit rate (%)"), 0, 100);
    chart->addAxis(percent, Qt::AlignLeft);
    bars->attachAxis(axis);
    bars->attachAxis(percent);
    // A line on a category axis uses the category index as x; a value axis of the same
    // span keeps it aligned with the bars.
    auto* index = new QValueAxis(chart);
    index->setRange(-0.5, std::max<double>(0.5, double(groups.size()) - 0.5));
    index->setVisible(false);
    chart->addAxis(index, Qt::AlignTop);
    breakeven->attachAxis(index);
    breakeven->attachAxis(percent);
    return chart;
}

QChart* EvaluationCharts::thresholdSweep(const EvaluationReport& report)
{
    auto* chart = newChart(QObject::tr("Hit rate and ROI against the minimum edge"));
    auto* volume = new QBarSet(QObject::tr("Bets"));
    volume->setColor(ChartTheme::ideal().lighter(140));
    auto* hitRate = new QLineSeries(chart);
    hitRate->setName(QObject::tr("Hit rate"));
    hitRate->setPen(QPen(ChartTheme::measured(), 2.5));
    auto* roi = new QLineSeries(chart);
    roi->setName(QObject::tr("ROI −110"));
    roi->setPen(QPen(ChartTheme::accent(), 2.5));
    // Steps with fewer than ThinBets bets continue the lines dashed (n only falls as the edge grows).
    // Not "< 30" in a name: the legend reads names as rich text and cut it at the "<".
    auto* thinHitRate = new QLineSeries(chart);
    thinHitRate->setName(QObject::tr("Hit rate, under %1 bets").arg(ThinBets));
    thinHitRate->setPen(QPen(ChartTheme::measured(), 1.5, Qt::DashLine));
    auto* thinRoi = new QLineSeries(chart);
    thinRoi->setName(QObject::tr("ROI, under %1 bets").arg(ThinBets));
    thinRoi->setPen(QPen(ChartTheme::accent(), 1.5, Qt::DashLine));
    auto* breakeven = breakevenSeries(chart);
    QStringList categories;
    double low = 0, high = 60;
    int maxBets = 1;
    for (std::size_t i = 0; i < report.thresholdSweep.size(); ++i) {
        const auto& point = report.thresholdSweep[i];
        categories << QString::number(point.minEdge);
        volume->append(point.stats.n());
        maxBets = std::max(maxBets, point.stats.n());
        const bool thin = point.stats.n() < ThinBets;
        // The dashed part starts at the last solid point, so the line does not break.
        if (thin && thinHitRate->count() == 0 && hitRate->count() > 0)
            thinHitRate->append(hitRate->points().constLast());
        if (thin && thinRoi->count() == 0 && roi->count() > 0)
            thinRoi->append(roi->points().constLast());
        if (const auto rate = point.stats.hitRate()) {
            (thin ? thinHitRate : hitRate)->append(double(i), *rate * 100.0);
            high = std::max(high, *rate * 100.0);
        }
        if (const auto r = point.stats.roi110()) {
            (thin ? thinRoi : roi)->append(double(i), *r * 100.0);
            low = std::min(low, *r * 100.0);
            high = std::max(high, *r * 100.0);
        }
    }
    if (!report.thresholdSweep.empty()) {
        breakeven->append(-0.5, BreakevenPercent);
        breakeven->append(double(report.thresholdSweep.size()) - 0.5, BreakevenPercent);
    }
    // The recommendation: a marker on the ROI line at its step, named with the threshold.
    QScatterSeries* recommended = nullptr;
    if (const auto best = report.recommendedMinEdge()) {
        for (std::size_t i = 0; i < report.thresholdSweep.size(); ++i) {
            const auto& point = report.thresholdSweep[i];
            if (point.minEdge != *best || !point.stats.roi110())
                continue;
            recommended = new QScatterSeries(chart);
            recommended->setName(QObject::tr("Recommended: min edge %1").arg(point.minEdge));
            recommended->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            recommended->setMarkerSize(13);
            recommended->setColor(ChartTheme::good());
            recommended->setBorderColor(Qt::black);
            recommended->append(double(i), *point.stats.roi110() * 100.0);
            break;
        }
        chart->setTitle(QObject::tr("Hit rate and ROI against the minimum edge — recommended: %1 (best ROI among "
                                    "thresholds with ≥ %2 bets)")
                            .arg(*best)
                            .arg(EvaluationReport::RecommendedMinBets));
    } else if (!report.thresholdSweep.empty()) {
        chart->setTitle(QObject::tr("Hit rate and ROI against the minimum edge — no threshold has %1 bets, so none is "
                                    "recommended")
                            .arg(EvaluationReport::RecommendedMinBets));
    }
    auto* bars = new QBarSeries(chart);
    bars->append(volume);
    chart->addSeries(bars);
    chart->addSeries(hitRate);
    chart->addSeries(roi);
    for (auto* thin : { thinHitRate, thinRoi }) {
        if (thin->count() > 1)
            chart->addSeries(thin);
        else
            delete thin; // nothing thin to draw: no legend entry
    }
    chart->addSeries(breakeven);
    if (recommended)
        chart->addSeries(recommended);

    auto* axis = new QBarCategoryAxis(chart);
    axis->append(categories);
    axis->setTitleText(QObject::tr("minimum edge (strikeouts)"));
    chart->addAxis(axis, Qt::AlignBottom);
    auto* index = new QValueAxis(chart);
    index->setRange(-0.5, std::max<double>(0.5, double(report.thresholdSweep.size()) - 0.5));
    index->setVisible(false);
    chart->addAxis(index, Qt::AlignTop);
    auto* percent
        = percentAxis(chart, QObject::tr("hit rate / ROI (%)"), std::floor(low / 10) * 10, std::ceil(high / 10) * 10);
    chart->addAxis(percent, Qt::AlignLeft);
    auto* count = new QValueAxis(chart);
    count->setTitleText(QObject::tr("bets"));
    count->setLabelFormat(QStringLiteral("%d"));
    count->setRange(0, maxBets * 1.1);
    count->applyNiceNumbers();
    chart->addAxis(count, Qt::AlignRight);
    bars->attachAxis(axis);
    bars->attachAxis(count);
    for (auto* series : chart->series()) {
        if (series == bars)
            continue;
        series->attachAxis(index);
        series->attachAxis(percent);
    }
    return chart;
}

namespace {

QValueAxis* valueAxis(QChart* chart, const QString& title, double low, double high, const char* format)
{
    auto* axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setLabelFormat(QString::fromLatin1(format));
    axis->setRange(low, high);
    axis->applyNiceNumbers();
    return axis;
}

// Hollow grey rings over the points of a measured series that rest on too few bets.
QScatterSeries* thinMarkers(QChart* chart, const QString& name)
{
    auto* series = new QScatterSeries(chart);
    series->setName(name);
    series->setMarkerSize(11);
    series->setColor(Qt::white);
    series->setBorderColor(ChartTheme::ideal());
    return series;
}

void attachAll(QChart* chart, QAbstractAxis* x, QAbstractAxis* y)
{
    for (auto* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

} // namespace

QChart* EvaluationCharts::predictedVsActual(const AccuracyStats& accuracy)
{
    const auto points = accuracy.byActual();
    auto* chart = newChart(points.empty() ? QObject::tr("Predicted against actual — no predictions with an actual yet")
                                          : QObject::tr("Mean predicted strikeouts per actual count (n = %1)")
                                                .arg(QLocale(QLocale::English).toString(accuracy.n())));
    auto* mean = new QLineSeries(chart);
    mean->setName(QObject::tr("Mean predicted"));
    mean->setPen(QPen(ChartTheme::measured(), 2.5));
    mean->setPointsVisible(true);
    auto* thin = thinMarkers(chart, QObject::tr("Fewer than %1 predictions").arg(ThinBets));
    auto* diagonal = new QLineSeries(chart);
    diagonal->setName(QObject::tr("Predicted = actual"));
    diagonal->setPen(QPen(ChartTheme::ideal(), 1.5, Qt::DashLine));
    double low = 0, high = 1;
    for (const auto& point : points) {
        mean->append(point.actual, point.meanPredicted);
        if (point.n < ThinBets)
            thin->append(point.actual, point.meanPredicted);
        high = std::max({ high, double(point.actual), point.meanPredicted });
        low = std::min({ low, double(point.actual), point.meanPredicted });
    }
    if (!points.empty()) {
        diagonal->append(points.front().actual, points.front().actual);
        diagonal->append(points.back().actual, points.back().actual);
    }
    chart->addSeries(diagonal);
    chart->addSeries(mean);
    if (thin->count() > 0)
        chart->addSeries(thin);
    else
        delete thin;
    auto* x = valueAxis(chart, QObject::tr("actual strikeouts"), std::floor(low), std::ceil(high), "%d");
    auto* y = valueAxis(chart, QObject::tr("mean predicted strikeouts"), std::floor(low), std::ceil(high), "%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    attachAll(chart, x, y);
    return chart;
}

QChart* EvaluationCharts::bankroll(const Bankroll& bankroll)
{
    const auto& path = bankroll.path;
    QString title = path.empty() ? QObject::tr("Bankroll — no graded bets yet")
                                 : QObject::tr("Bankroll: 1 unit per bet at −110, in date order");
    if (!bankroll.dates.empty())
        title += QStringLiteral(" (%1 – %2)")
                     .arg(bankroll.dates.front().toString(Qt::ISODate), bankroll.dates.back().toString(Qt::ISODate));
    auto* chart = newChart(title);
    auto* units = new QLineSeries(chart);
    units->setName(QObject::tr("Units"));
    units->setPen(QPen(ChartTheme::measured(), 2));
    auto* zero = new QLineSeries(chart);
    zero->setName(QObject::tr("Even"));
    zero->setPen(QPen(ChartTheme::ideal(), 1.5, Qt::DashLine));
    double low = 0, high = 0;
    QList<QPointF> points;
    points.reserve(qsizetype(path.size()) + 1);
    points.append(QPointF(0, 0)); // before the first bet
    for (std::size_t i = 0; i < path.size(); ++i) {
        points.append(QPointF(double(i + 1), path[i]));
        low = std::min(low, path[i]);
        high = std::max(high, path[i]);
    }
    units->replace(points);
    chart->addSeries(units);
    if (!path.empty()) {
        zero->append(0, 0);
        zero->append(double(path.size()), 0);
    }
    chart->addSeries(zero);
    if (bankroll.drawdownTrough >= 0) {
        // Indices into `path` are point index − 1; the peak −1 is the start (0, 0).
        const auto from = qsizetype(bankroll.drawdownPeak + 1);
        const auto to = qsizetype(bankroll.drawdownTrough + 1);
        auto* drawdown = new QLineSeries(chart);
        drawdown->setName(QObject::tr("Max drawdown %1 units").arg(bankroll.maxDrawdown, 0, 'f', 2));
        drawdown->setPen(QPen(ChartTheme::bad(), 3));
        drawdown->replace(points.mid(from, to - from + 1));
        chart->addSeries(drawdown);
        auto* ends = new QScatterSeries(chart);
        ends->setName(QObject::tr("Peak and trough"));
        ends->setMarkerSize(10);
        ends->setColor(ChartTheme::bad());
        ends->append(points.at(from));
        ends->append(points.at(to));
        chart->addSeries(ends);
    }
    auto* x = valueAxis(
        chart, QObject::tr("bets (won or lost, in date order)"), 0, std::max<double>(1, double(path.size())), "%d");
    const double margin = std::max(1.0, (high - low) * 0.05);
    auto* y = valueAxis(chart, QObject::tr("units"), std::floor(low - margin), std::ceil(high + margin), "%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    attachAll(chart, x, y);
    return chart;
}

QChart* EvaluationCharts::calibration(const MarketComparison& market)
{
    auto* chart = newChart(market.n() == 0
            ? QObject::tr("Calibration — no bet has both the model's and the market's probability yet")
            : QObject::tr("Calibration: observed win rate per probability bin (n = %1 bets)")
                  .arg(QLocale(QLocale::English).toString(market.n())));
    auto* diagonal = new QLineSeries(chart);
    diagonal->setName(QObject::tr("Perfectly calibrated"));
    diagonal->setPen(QPen(ChartTheme::ideal(), 1.5, Qt::DashLine));
    diagonal->append(0, 0);
    diagonal->append(100, 100);
    chart->addSeries(diagonal);
    auto* thin = thinMarkers(chart, QObject::tr("Fewer than %1 bets").arg(ThinBets));
    struct Side {
        const std::array<MarketComparison::CalibrationBin, MarketComparison::CalibrationBins>* bins;
        QString name;
        QColor colour;
    };
    const Side sides[] = { { &market.modelCalibration(), QObject::tr("Model"), ChartTheme::measured() },
        { &market.marketCalibration(), QObject::tr("Market"), ChartTheme::accent() } };
    for (const auto& [bins, name, colour] : sides) {
        auto* series = new QLineSeries(chart);
        series->setName(name);
        series->setPen(QPen(colour, 2.5));
        series->setPointsVisible(true);
        for (const auto& bin : *bins) {
            const auto probability = bin.meanProbability();
            const auto rate = bin.winRate();
            if (!probability || !rate)
                continue;
            series->append(*probability * 100.0, *rate * 100.0);
            if (bin.n < ThinBets)
                thin->append(*probability * 100.0, *rate * 100.0);
        }
        chart->addSeries(series);
    }
    if (thin->count() > 0)
        chart->addSeries(thin);
    else
        delete thin;
    auto* x = valueAxis(chart, QObject::tr("probability of the side bet on (%)"), 0, 100, "%.0f");
    auto* y = valueAxis(chart, QObject::tr("observed win rate (%)"), 0, 100, "%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    attachAll(chart, x, y);
    return chart;
}

} // namespace bfs::charts
