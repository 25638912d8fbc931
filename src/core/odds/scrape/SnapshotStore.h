#pragma once

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace bfs {

class PgPool;

// Where the raw snapshots live: raw/ files (a SQLite workspace) or the team database's
// raw_snapshots table. Names are file names (events.json, {id}.json); `eventId` is the API's id
// (empty for the events list).
class SnapshotBackend {
public:
    virtual ~SnapshotBackend() = default;
    virtual bool list(
        const QList<QDate>& dates, bool removeTemporaries, QHash<QDate, QSet<QString>>& names, QString& error)
        = 0;
    virtual bool write(
        QDate date, const QString& eventId, const QString& fileName, const QByteArray& bytes, QString& error)
        = 0;
    virtual std::optional<QByteArray> read(QDate date, const QString& eventId, const QString& fileName) = 0;
    virtual void remove(QDate date, const QString& eventId, const QString& fileName) = 0;
    virtual bool sync(QDate date, QString& error) = 0;
};

// The raw snapshots of phase 1: raw/{sport}/{D}/events.json and raw/{sport}/{D}/{id}.json,
// byte for byte as the API sent them, each written atomically (a temporary
// file, then a rename), so a killed process leaves a complete file or none. In team mode the
// same bytes go to raw_snapshots (one row per date, event and kind, inserted ON CONFLICT DO
// NOTHING), so a row means no instance requests it again.
//
// What exists is learned by one scan of the run's date folders at the start, not by a
// stat per file; files written during the run are added to that picture. Event ids
// that are not plain [A-Za-z0-9_-] (or that would clash with events.json) are never
// used as file names as they are: they are hashed, so nothing is written outside raw/.
class SnapshotStore {
public:
    SnapshotStore(QString rawDir, QString sport); // raw/ files
    SnapshotStore(std::shared_ptr<PgPool> pool, QString sport); // a team database
    ~SnapshotStore();

    static QString eventsFileName() { return QStringLiteral("events.json"); }
    static inline const QString EventsList; // the event id that names a date's events list
    static QString eventFileName(const QString& eventId);
    static bool isSafeEventId(const QString& eventId);

    // Lists what is stored for the dates once (replacing what was known of them). With
    // `removeTemporaries` (the run itself, before any worker writes) it also deletes temporary
    // files a killed run left behind; a read-only planner must not, as a running job may be
    // writing them. An empty file is not listed: no complete answer is empty, so it is fetched again.
    bool scan(const QList<QDate>& dates, bool removeTemporaries, QString& error);
    void scan(const QList<QDate>& dates, bool removeTemporaries = false);
    // Event ids: an empty id is the date's events list.
    bool has(QDate date, const QString& eventId) const;
    // Forgets (and removes) a stored answer that turned out not to be a whole one, so it is fetched again.
    void forget(QDate date, const QString& eventId);
    int eventFileCount(QDate date) const; // event answers (not the events list) known for a date

    // Stores `bytes` only once all of them are stored (a file: written, fsynced, renamed); any
    // failure — a full disk, a read-only folder, a lost database — is an error naming the reason,
    // and leaves nothing under the final name.
    bool write(QDate date, const QString& eventId, const QByteArray& bytes, QString& error);
    std::optional<QByteArray> read(QDate date, const QString& eventId) const;
    // Makes the date's stored answers survive a power loss, not only a killed process: a file's
    // rename lives in its folder, so the folder (and the folder holding it) is fsynced once
    // before the date is recorded done. A database's rows are durable once committed.
    bool sync(QDate date, QString& error);

    static QString fileNameOf(const QString& eventId)
    {
        return eventId.isEmpty() ? eventsFileName() : eventFileName(eventId);
    }

private:
    std::unique_ptr<SnapshotBackend> m_backend;
    mutable QMutex m_mutex;
    QHash<QDate, QSet<QString>> m_files;
};

} // namespace bfs
