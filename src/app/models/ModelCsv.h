#pragma once

#include <QString>

class QAbstractItemModel;

namespace bfs::app {

// Writes what `model` shows — its header and every row as displayed, in view order (a proxy's
// filter and sort included) — as RFC 4180 CSV through QSaveFile, so a failed write leaves any
// earlier file untouched. False with `error` naming the file and the reason.
bool writeModelCsv(const QAbstractItemModel& model, const QString& path, QString& error);

} // namespace bfs::app
