#pragma once

#include <QColor>

namespace bfs::charts {

// Colours shared by every chart and report so a series means the same thing everywhere.
struct ChartTheme {
    static QColor measured() { return QColor(0x1f, 0x77, 0xb4); }
    static QColor ideal() { return QColor(0x99, 0x99, 0x99); }
    static QColor good() { return QColor(0x2c, 0xa0, 0x2c); }
    static QColor bad() { return QColor(0xd6, 0x27, 0x28); }
    static QColor accent() { return QColor(0xff, 0x7f, 0x0e); }
};

} // namespace bfs::charts
