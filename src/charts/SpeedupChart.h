#pragma once

#include <QChart>
#include <QList>
#include <QPointF>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace bfs::charts {

// Measured speedup against worker count with the ideal y = x line: the benchmark
// dialog's chart and the report's. Points are (workers, speedup).
class SpeedupChart final : public QChart {
    Q_OBJECT
public:
    explicit SpeedupChart(QGraphicsItem* parent = nullptr);

    // Fixes the worker axis to 1…maxWorkers and draws the ideal line over it.
    void setMaxWorkers(int maxWorkers);
    void setMeasured(const QList<QPointF>& points);
    void addMeasured(double workers, double speedup);
    void clearMeasured();

    QLineSeries* measuredSeries() const { return m_measured; }
    QLineSeries* idealSeries() const { return m_ideal; }
    bool isEmpty() const; // no measurement yet: the title says so

private:
    void updateAxes();

    QLineSeries* m_measured;
    QScatterSeries* m_markers;
    QLineSeries* m_ideal;
    QValueAxis* m_workers;
    QValueAxis* m_speedup;
    int m_maxWorkers = 2;
};

} // namespace bfs::charts
