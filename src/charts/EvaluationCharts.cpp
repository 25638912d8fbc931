#include "EvaluationCharts.h"

#include "ChartTheme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
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
    auto* thinHitRate = new QLineSeries(chart);
    thinHitRate->setName(QObject::tr("Hit rate, < %1 bets").arg(ThinBets));
    thinHitRate->setPen(QPen(ChartTheme::measured(), 1.5, Qt::DashLine));
    auto* thinRoi = new QLineSeries(chart);
    thinRoi->setName(QObject::tr("ROI, < %1 bets").arg(ThinBets));
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

} // namespace bfs::charts
