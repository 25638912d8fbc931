#include "SpeedupChart.h"

#include "ChartTheme.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace bfs::charts {

SpeedupChart::SpeedupChart(QGraphicsItem* parent)
    : QChart(parent)
    , m_measured(new QLineSeries(this))
    , m_markers(new QScatterSeries(this))
    , m_ideal(new QLineSeries(this))
    , m_workers(new QValueAxis(this))
    , m_speedup(new QValueAxis(this))
{
    setTitle(tr("Speedup"));
    setLocalizeNumbers(true);
    setMargins(QMargins(4, 4, 4, 4));
    m_ideal->setName(tr("ideal (y = x)"));
    QPen idealPen(::bfs::charts::ChartTheme::ideal(), 1.5, Qt::DashLine);
    m_ideal->setPen(idealPen);
    m_measured->setName(tr("measured"));
    m_measured->setPen(QPen(::bfs::charts::ChartTheme::measured(), 2.5));
    m_markers->setColor(::bfs::charts::ChartTheme::measured());
    m_markers->setBorderColor(::bfs::charts::ChartTheme::measured());
    m_markers->setMarkerSize(9);
    addSeries(m_ideal);
    addSeries(m_measured);
    addSeries(m_markers);
    legend()->setAlignment(Qt::AlignBottom);
    legend()->markers(m_markers).first()->setVisible(false);
    m_workers->setTitleText(tr("workers"));
    m_workers->setLabelFormat(QStringLiteral("%d"));
    m_speedup->setTitleText(tr("speedup (×)"));
    m_speedup->setLabelFormat(QStringLiteral("%.1f"));
    addAxis(m_workers, Qt::AlignBottom);
    addAxis(m_speedup, Qt::AlignLeft);
    for (auto* series :
        { static_cast<QXYSeries*>(m_ideal), static_cast<QXYSeries*>(m_measured), static_cast<QXYSeries*>(m_markers) }) {
        series->attachAxis(m_workers);
        series->attachAxis(m_speedup);
    }
    setMaxWorkers(2);
}

void SpeedupChart::setMaxWorkers(int maxWorkers)
{
    m_maxWorkers = std::max(2, maxWorkers);
    m_ideal->replace({ QPointF(1, 1), QPointF(m_maxWorkers, m_maxWorkers) });
    updateAxes();
}

void SpeedupChart::setMeasured(const QList<QPointF>& points)
{
    m_measured->replace(points);
    m_markers->replace(points);
    updateAxes();
}

void SpeedupChart::addMeasured(double workers, double speedup)
{
    m_measured->append(workers, speedup);
    m_markers->append(workers, speedup);
    updateAxes();
}

void SpeedupChart::clearMeasured()
{
    m_measured->clear();
    m_markers->clear();
    updateAxes();
}

namespace {
// 1, 2 or 5 times a power of ten: at most about `ticks` labelled steps over `span`.
double niceStep(double span, int ticks)
{
    const double raw = std::max(1e-9, span / std::max(1, ticks));
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : { 1.0, 2.0, 5.0, 10.0 }) {
        if (m * power >= raw)
            return m * power;
    }
    return 10 * power;
}
} // namespace

bool SpeedupChart::isEmpty() const
{
    return m_measured->count() == 0;
}

void SpeedupChart::updateAxes()
{
    const bool empty = m_measured->count() == 0;
    setTitle(empty ? tr("Speedup · no measurements yet") : tr("Speedup"));
    // Fitted to the data: up to the best measured speedup with headroom, at least 2, and no higher
    // than the ideal line needs (a job bound by a serial stage is drawn large, the ideal leaves the top).
    double best = 0;
    for (const auto& point : m_measured->points())
        best = std::max(best, point.y());
    const double top
        = empty ? double(m_maxWorkers) : std::min(double(m_maxWorkers), std::max(2.0, std::ceil(best * 1.2)));
    m_workers->setRange(1, m_maxWorkers);
    // Whole workers only, never two labels for one count.
    m_workers->setTickType(QValueAxis::TicksDynamic);
    m_workers->setTickAnchor(1);
    m_workers->setTickInterval(std::max(1.0, std::round(niceStep(m_maxWorkers - 1, 10))));
    m_speedup->setRange(0, std::max(top, best));
    m_speedup->setTickType(QValueAxis::TicksDynamic);
    m_speedup->setTickAnchor(0);
    const double step = niceStep(std::max(top, best), 8);
    m_speedup->setTickInterval(step);
    m_speedup->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

} // namespace bfs::charts
