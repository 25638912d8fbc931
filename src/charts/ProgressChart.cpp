#include "ProgressChart.h"

#include "ChartTheme.h"

#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <cmath>

namespace bfs::charts {

ProgressChart::ProgressChart(const QString& title, const QString& valueLabel, QGraphicsItem* parent)
    : QChart(parent)
    , m_series(new QLineSeries(this))
    , m_time(new QValueAxis(this))
    , m_value(new QValueAxis(this))
{
    m_title = title;
    setTitle(title);
    setLocalizeNumbers(true); // axis labels with the locale's thousands separators (45,000)
    legend()->hide();
    setMargins(QMargins(4, 4, 4, 4));
    m_series->setName(valueLabel);
    m_series->setPen(QPen(::bfs::charts::ChartTheme::measured(), 2));
    addSeries(m_series);
    m_time->setTitleText(tr("seconds"));
    m_time->setLabelFormat(QStringLiteral("%.0f"));
    m_value->setTitleText(valueLabel);
    m_value->setLabelFormat(QStringLiteral("%.0f"));
    addAxis(m_time, Qt::AlignBottom);
    addAxis(m_value, Qt::AlignLeft);
    m_series->attachAxis(m_time);
    m_series->attachAxis(m_value);
    reset();
}

void ProgressChart::reset(qint64 total)
{
    m_series->clear();
    m_maxValue = 0;
    m_total = total;
    updateAxes(0, 0);
}

void ProgressChart::setTotal(qint64 total)
{
    if (total == m_total)
        return;
    m_total = total;
    updateAxes(m_series->count() ? m_series->at(m_series->count() - 1).x() : 0, m_maxValue);
}

void ProgressChart::addPoint(double seconds, double value)
{
    if (m_series->count() >= MaxPoints) {
        // Keep every other point: the shape survives, the drawing cost stays flat.
        QList<QPointF> thinned;
        const auto all = m_series->points();
        thinned.reserve(all.size() / 2 + 1);
        for (qsizetype i = 0; i < all.size(); i += 2)
            thinned.append(all[i]);
        m_series->replace(thinned);
    }
    m_series->append(seconds, value);
    m_maxValue = std::max(m_maxValue, value);
    updateAxes(seconds, m_maxValue);
}

void ProgressChart::setPoints(const QList<QPointF>& points)
{
    m_series->replace(points);
    m_maxValue = 0;
    double last = 0;
    for (const auto& point : points) {
        m_maxValue = std::max(m_maxValue, point.y());
        last = std::max(last, point.x());
    }
    updateAxes(last, m_maxValue);
}

QList<QPointF> ProgressChart::points() const
{
    return m_series->points();
}

bool ProgressChart::isEmpty() const
{
    return m_series->count() == 0;
}

void ProgressChart::updateAxes(double seconds, double value)
{
    // Empty: say so in the title and draw no invented scale.
    const bool empty = m_series->count() == 0;
    setTitle(empty ? tr("%1 · no data yet").arg(m_title) : m_title);
    for (QValueAxis* axis : { m_time, m_value }) {
        axis->setLabelsVisible(!empty);
        axis->setTitleVisible(!empty); // without labels a title has no room and is elided to "…"
    }
    // The time axis ends at the next round step past the data (20 s for an 18 s run, 3 s for 2.7 s):
    // fitted, and it changes only when the data crosses a step, not on every sample.
    const double reach = std::max(1.0, seconds * 1.05);
    const double raw = reach / 5;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * power;
    for (const double m : { 1.0, 2.0, 5.0 }) {
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    }
    m_time->setTickType(QValueAxis::TicksDynamic);
    m_time->setTickAnchor(0);
    m_time->setTickInterval(step);
    m_time->setRange(0, step * std::ceil(reach / step));
    m_time->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    // Fitted to what is drawn: the known total, else the data with a tenth of headroom.
    const double top = m_total > 0 ? double(m_total) : std::max(10.0, value * 1.1);
    m_value->setRange(0, top);
    m_value->applyNiceNumbers(); // round ticks (0, 10000, …) rather than total / 4
}

} // namespace bfs::charts
