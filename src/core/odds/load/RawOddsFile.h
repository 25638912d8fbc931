#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <string>

namespace bfs {

// One raw event-odds file found under WORKSPACE/raw/{sport}/{YYYY-MM-DD}/{eventId}.json.
// size and mtime are taken when the folder is scanned and recorded with the rows, so a
// file rewritten after that is seen as changed on the next load.
struct RawOddsFile {
    QString absolutePath;
    QString relativePath; // to the workspace folder: the loaded_files key, survives moving the workspace
    std::string sport; // the {sport} folder, for responses without sport_key
    qint64 size = 0;
    qint64 mtimeMs = 0;

    QStringView fileName() const { return QStringView(relativePath).mid(relativePath.lastIndexOf(u'/') + 1); }
};

} // namespace bfs
