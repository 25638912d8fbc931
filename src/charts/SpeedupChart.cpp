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

void SpeedupChart::updateAxes()
{
    double top = m_maxWorkers;
    for (const auto& point : m_measured->points())
        top = std::max(top, point.y());
    m_workers->setRange(1, m_maxWorkers);
    m_workers->setTickCount(std::min(m_maxWorkers, 16));
    m_speedup->setRange(0, std::ceil(top));
    m_speedup->setTickCount(std::min(int(std::ceil(top)), 10) + 1);
}

} // namespace bfs::charts
