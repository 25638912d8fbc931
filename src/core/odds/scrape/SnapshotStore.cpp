#include "SnapshotStore.h"

#include "storage/PgConnection.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bfs {

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

namespace {

// raw/{sport}/{D}/{name}: the SQLite workspace's snapshots.
class FileSnapshots final : public SnapshotBackend {
public:
    explicit FileSnapshots(QString sportDir)
        : m_sportDir(std::move(sportDir))
    {
    }

    bool list(const QList<QDate>& dates, bool removeTemporaries, QHash<QDate, QSet<QString>>& names, QString&) override
    {
        // The temporaries are "<name>.json.XXXXXX" next to the target.
        static const QRegularExpression temporary(QStringLiteral("\\.json\\.[A-Za-z0-9]{6}$"));
        for (const QDate& d : dates) {
            QDir dir(dateDir(d));
            QSet<QString>& set = names[d];
            if (!dir.exists())
                continue;
            for (const QFileInfo& info : dir.entryInfoList(QDir::Files)) {
                const QString name = info.fileName();
                if (temporary.match(name).hasMatch()) {
                    if (removeTemporaries)
                        dir.remove(name);
                } else if (name.endsWith(QStringLiteral(".json")) && info.size() > 0)
                    set.insert(name);
            }
        }
        return true;
    }

    bool write(QDate date, const QString&, const QString& fileName, const QByteArray& bytes, QString& error) override
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
        return writeWhole(dir + u'/' + fileName, bytes, error);
    }

    std::optional<QByteArray> read(QDate date, const QString&, const QString& fileName) override
    {
        QFile file(dateDir(date) + u'/' + fileName);
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        return file.readAll();
    }

    void remove(QDate, const QString&, const QString&) override
    {
        // The file stays until a whole answer replaces it (the rename is atomic).
    }

    bool sync(QDate date, QString& error) override
    {
        for (const QString& path : { dateDir(date), m_sportDir }) {
            if (!QFileInfo::exists(path))
                continue; // nothing was written for the date
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0 || ::fsync(fd) != 0) {
                const int code = errno;
                if (fd >= 0)
                    ::close(fd);
                error = QStringLiteral("cannot sync folder %1: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(code)));
                return false;
            }
            ::close(fd);
        }
        return true;
    }

private:
    QString dateDir(QDate date) const { return m_sportDir + u'/' + date.toString(Qt::ISODate); }

    static bool writeWhole(const QString& path, const QByteArray& bytes, QString& error)
    {
        // Every step checked: a short write (a full disk), fsync, close and rename. Until the rename
        // the bytes live under "<name>.XXXXXX", which list() treats as a temporary, so a final name
        // is only ever a whole answer.
        const QByteArray target = QFile::encodeName(path);
        QByteArray temporary = target + QByteArrayLiteral(".XXXXXX");
        auto fail = [&](const char* step, int code) {
            error = QStringLiteral("cannot write %1 (%2): %3")
                        .arg(path, QLatin1String(step), QString::fromLocal8Bit(std::strerror(code)));
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

    QString m_sportDir;
};

// The team database's raw_snapshots (team.md), through libpq so any worker thread can use it.
class DatabaseSnapshots final : public SnapshotBackend {
public:
    DatabaseSnapshots(std::shared_ptr<PgPool> pool, QString sport)
        : m_pool(std::move(pool))
        , m_sport(sport.toUtf8())
    {
    }

    bool list(const QList<QDate>& dates, bool, QHash<QDate, QSet<QString>>& names, QString& error) override
    {
        if (dates.isEmpty())
            return true;
        auto [from, to] = std::minmax_element(dates.begin(), dates.end());
        const PgPool::Handle db = m_pool->take(error);
        if (!db)
            return false;
        const auto rows = db->exec("SELECT game_date, event_id, kind FROM raw_snapshots "
                                   "WHERE sport = $1 AND game_date BETWEEN $2 AND $3",
            { m_sport, iso(*from), iso(*to) }, error);
        if (!rows)
            return false;
        for (const QDate& d : dates)
            names[d]; // known to hold nothing unless listed below
        for (int r = 0; r < rows->rows(); ++r) {
            const QDate date = QDate::fromString(rows->text(r, 0), Qt::ISODate);
            if (!names.contains(date))
                continue;
            names[date].insert(rows->text(r, 2) == u"events" ? SnapshotStore::eventsFileName()
                                                             : SnapshotStore::eventFileName(rows->text(r, 1)));
        }
        return true;
    }

    bool write(QDate date, const QString& eventId, const QString&, const QByteArray& bytes, QString& error) override
    {
        const PgPool::Handle db = m_pool->take(error);
        if (!db)
            return false;
        const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        const bool ok
            = db->exec("INSERT INTO raw_snapshots (sport, game_date, event_id, kind, body, sha256, fetched_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7) "
                       "ON CONFLICT (sport, game_date, event_id, kind) DO NOTHING",
                    { m_sport, iso(date), eventId.toUtf8(), kind(eventId), bytes, sha, now }, error, { 4 })
                  .has_value();
        if (!ok)
            error
                = QStringLiteral("cannot store the answer for %1 %2 in the team database: %3")
                      .arg(date.toString(Qt::ISODate), eventId.isEmpty() ? QStringLiteral("(events)") : eventId, error);
        return ok;
    }

    std::optional<QByteArray> read(QDate date, const QString& eventId, const QString&) override
    {
        QString error;
        const PgPool::Handle db = m_pool->take(error);
        if (!db)
            return std::nullopt;
        const auto rows = db->exec("SELECT body FROM raw_snapshots WHERE sport = $1 AND game_date = $2 "
                                   "AND event_id = $3 AND kind = $4",
            { m_sport, iso(date), eventId.toUtf8(), kind(eventId) }, error, {}, true);
        if (!rows || rows->rows() == 0)
            return std::nullopt;
        return rows->value(0, 0);
    }

    bool sync(QDate, QString&) override { return true; } // every row is committed when written

    void remove(QDate date, const QString& eventId, const QString&) override
    {
        // Only an answer phase 2 has not loaded: a loaded one's rows are already in betting_lines.
        QString error;
        if (const PgPool::Handle db = m_pool->take(error))
            db->exec("DELETE FROM raw_snapshots WHERE sport = $1 AND game_date = $2 AND event_id = $3 "
                     "AND kind = $4 AND loaded_at IS NULL",
                { m_sport, iso(date), eventId.toUtf8(), kind(eventId) }, error);
    }

private:
    static QByteArray iso(QDate d) { return d.toString(Qt::ISODate).toUtf8(); }
    static QByteArray kind(const QString& eventId) { return eventId.isEmpty() ? "events" : "odds"; }

    std::shared_ptr<PgPool> m_pool;
    QByteArray m_sport;
};

} // namespace

SnapshotStore::SnapshotStore(QString rawDir, QString sport)
    : m_backend(std::make_unique<FileSnapshots>(rawDir + u'/' + sport))
{
}

SnapshotStore::SnapshotStore(std::shared_ptr<PgPool> pool, QString sport)
    : m_backend(std::make_unique<DatabaseSnapshots>(std::move(pool), std::move(sport)))
{
}

SnapshotStore::~SnapshotStore() = default;

bool SnapshotStore::scan(const QList<QDate>& dates, bool removeTemporaries, QString& error)
{
    QHash<QDate, QSet<QString>> names;
    if (!m_backend->list(dates, removeTemporaries, names, error))
        return false;
    QMutexLocker lock(&m_mutex);
    for (auto it = names.begin(); it != names.end(); ++it)
        m_files.insert(it.key(), std::move(it.value()));
    return true;
}

void SnapshotStore::scan(const QList<QDate>& dates, bool removeTemporaries)
{
    QString ignored;
    scan(dates, removeTemporaries, ignored);
}

bool SnapshotStore::has(QDate date, const QString& eventId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.constFind(date);
    return it != m_files.constEnd() && it->contains(fileNameOf(eventId));
}

void SnapshotStore::forget(QDate date, const QString& eventId)
{
    m_backend->remove(date, eventId, fileNameOf(eventId));
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.find(date);
    if (it != m_files.end())
        it->remove(fileNameOf(eventId));
}

int SnapshotStore::eventFileCount(QDate date) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_files.constFind(date);
    if (it == m_files.constEnd())
        return 0;
    return int(it->size()) - (it->contains(eventsFileName()) ? 1 : 0);
}

bool SnapshotStore::write(QDate date, const QString& eventId, const QByteArray& bytes, QString& error)
{
    const QString name = fileNameOf(eventId);
    if (!m_backend->write(date, eventId, name, bytes, error))
        return false;
    QMutexLocker lock(&m_mutex);
    m_files[date].insert(name);
    return true;
}

bool SnapshotStore::sync(QDate date, QString& error)
{
    return m_backend->sync(date, error);
}

std::optional<QByteArray> SnapshotStore::read(QDate date, const QString& eventId) const
{
    return m_backend->read(date, eventId, fileNameOf(eventId));
}

} // namespace bfs
