#include "ModelCsv.h"

#include "evaluation/CsvReader.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>
#include <QStringList>

namespace bfs::app {

bool writeModelCsv(const QAbstractItemModel& model, const QString& path, QString& error)
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << CsvReader::quote(model.headerData(column, Qt::Horizontal).toString());
    lines << header.join(u',');
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList fields;
        for (int column = 0; column < model.columnCount(); ++column)
            fields << CsvReader::quote(model.index(row, column).data().toString());
        lines << fields.join(u',');
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write((lines.join(u'\n') + u'\n').toUtf8()) < 0 || !file.commit()) {
        error = QCoreApplication::translate("ModelCsv", "cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace bfs::app
