#include "SnapshotStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace bfs {

SnapshotStore::SnapshotStore(QString rawDir, QString sport)
    : m_sportDir(rawDir + u'/' + sport)
{
}

bool SnapshotStore::isSafeEventId(const QString& eventId)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    return plain.match(eventId).hasMatch() && eventId != QStringLiteral("events");
}

QString SnapshotStore::eventFileName(const QString& eventId)
{
    if (isSafeEventId(eventId))
        return eventId + QStringLiteral(".json");
    // "~" never occurs in a plain id, so an encoded name cannot clash with a real one.
    const QByteArray digest = QCryptographicHash::hash(eventId.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("~") + QString::fromLatin1(digest) + QStringLiteral(".json");
}

QString SnapshotStore::dateDir(QDate date) const { return m_sportDir + u'/' + date.toString(Qt::ISODate); }

void SnapshotStore::scan(const QList<QDate>& dates, bool removeTemporaries)
{
    // QSaveFile's temporaries are "<name>.json.XXXXXX" next to the target.
    static const QRegularExpression temporary(QStringLiteral("\\.json\\.[A-Za-z0-9]{6}$"));
    QHash<QDate, QSet<QString>> files;
    for (const QDate& d : dates) {
        QDir dir(dateDir(d));
        if (!dir.exists())
            continue;
        QSet<QString>& set = files[d];
        for (const QString& name : dir.entryList(QDir::Files)) {
            if (temporary.match(name).hasMatch()) {
                if (removeTemporaries)
                    dir.remove(name);
            } else if (name.endsWith(QStringLiteral(".json")))
                set.insert(name);
        }
    }
    QMutexLocker lock(&m_mutex);
    m_files = std::move(files);
}

bool SnapshotStore::has(QDate date, const QString& fileName) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.constFind(date);
    return it != m_files.constEnd() && it->contains(fileName);
}

int SnapshotStore::eventFileCount(QDate date) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.constFind(date);
    if (it == m_files.constEnd())
        return 0;
    return int(it->size()) - (it->contains(eventsFileName()) ? 1 : 0);
}

bool SnapshotStore::write(QDate date, const QString& fileName, const QByteArray& bytes, QString& error)
{
    if (fileName.contains(u'/') || fileName.contains(u'\\') || fileName.startsWith(u'.')) {
        error = QStringLiteral("refusing to write unsafe file name '%1'").arg(fileName);
        return false;
    }
    const QString dir = dateDir(date);
    if (!QDir().mkpath(dir)) {
        error = QStringLiteral("cannot create folder %1").arg(dir);
        return false;
    }
    QSaveFile file(dir + u'/' + fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_files[date].insert(fileName);
    return true;
}

std::optional<QByteArray> SnapshotStore::read(QDate date, const QString& fileName) const
{
    QFile file(dateDir(date) + u'/' + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace bfs
