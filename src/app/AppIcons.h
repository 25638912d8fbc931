#pragma once

#include <QIcon>
#include <QString>

namespace bfs::app {

// The navigation and window icons compiled into the GUI (resources/icons), so every
// screen uses the same picture for the same thing.
struct AppIcons {
    static QIcon application() { return QIcon(QStringLiteral(":/icons/backfill-studio.svg")); } // as packaged
    static QIcon features() { return QIcon(QStringLiteral(":/icons/features.svg")); }
    static QIcon backfill() { return QIcon(QStringLiteral(":/icons/backfill.svg")); }
    static QIcon evaluate() { return QIcon(QStringLiteral(":/icons/evaluate.svg")); }
    static QIcon reports() { return QIcon(QStringLiteral(":/icons/reports.svg")); }
    static QIcon runs() { return QIcon(QStringLiteral(":/icons/runs.svg")); }
};

} // namespace bfs::app
