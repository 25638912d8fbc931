#include "SnapshotStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
        for (const QFileInfo& info : dir.entryInfoList(QDir::Files)) {
            const QString name = info.fileName();
            if (temporary.match(name).hasMatch()) {
                if (removeTemporaries)
                    dir.remove(name);
            } else if (name.endsWith(QStringLiteral(".json")) && info.size() > 0)
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

void SnapshotStore::forget(QDate date, const QString& fileName)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.find(date);
    if (it != m_files.end())
        it->remove(fileName);
}

int SnapshotStore::eventFileCount(QDate date) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.constFind(date);
    if (it == m_files.constEnd())
        return 0;
    return int(it->size()) - (it->contains(eventsFileName()) ? 1 : 0);
}

bool SnapshotStore::writeWhole(const QString& path, const QByteArray& bytes, QString& error)
{
    // Every step checked: a short write (a full disk), fsync, close and rename. Until the rename the
    // bytes live under "<name>.XXXXXX", which scan() treats as a temporary, so a final name is only
    // ever a whole answer.
    const QByteArray target = QFile::encodeName(path);
    QByteArray temporary = target + QByteArrayLiteral(".XXXXXX");
    auto fail = [&](const char* step, int code) {
        error = QStringLiteral("cannot write %1 (%2): %3").arg(path, QLatin1String(step), QString::fromLocal8Bit(std::strerror(code)));
        return false;
    };
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        return fail("create", errno);
    auto abandon = [&](const char* step) {
        const int code = errno;
        ::close(fd);
        ::unlink(temporary.constData());
        return fail(step, code);
    };
    if (::fchmod(fd, 0644) != 0)
        return abandon("chmod");
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, std::size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return abandon("write");
        }
        done += n;
    }
    if (::fsync(fd) != 0)
        return abandon("fsync");
    if (::close(fd) != 0) {
        const int code = errno;
        ::unlink(temporary.constData());
        return fail("close", code);
    }
    if (::rename(temporary.constData(), target.constData()) != 0) {
        const int code = errno;
        ::unlink(temporary.constData());
        return fail("rename", code);
    }
    return true;
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
    if (!writeWhole(dir + u'/' + fileName, bytes, error))
        return false;
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
