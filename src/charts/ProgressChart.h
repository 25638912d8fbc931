#pragma once

#include <QChart>
#include <QList>
#include <QPointF>
#include <QString>

class QLineSeries;
class QValueAxis;

namespace bfs::charts {

// Work done against elapsed seconds (races, dates, files…): the live chart of a
// running job and the progress chart of a report. Points arrive at the engine's
// bounded rate; long runs are thinned so the series stays cheap to draw.
class ProgressChart final : public QChart {
    Q_OBJECT
public:
    static constexpr int MaxPoints = 1200;

    explicit ProgressChart(const QString& title, const QString& valueLabel, QGraphicsItem* parent = nullptr);

    // Clears the series; `total` (0 = unknown yet) fixes the value axis.
    void reset(qint64 total = 0);
    void setTotal(qint64 total);
    void addPoint(double seconds, double value);
    void setPoints(const QList<QPointF>& points); // a finished run, for reports

    QLineSeries* series() const { return m_series; }
    QList<QPointF> points() const;
    bool isEmpty() const; // no point yet: the title says "no data yet" and the axes carry no labels

private:
    void updateAxes(double seconds, double value);

    QLineSeries* m_series;
    QValueAxis* m_time;
    QValueAxis* m_value;
    QString m_title;
    qint64 m_total = 0;
    double m_maxValue = 0;
};

} // namespace bfs::charts
