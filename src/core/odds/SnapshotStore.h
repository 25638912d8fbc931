#pragma once

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace bfs {

// The raw snapshots of phase 1: raw/{sport}/{D}/events.json and raw/{sport}/{D}/{id}.json,
// byte for byte as the API sent them, each written atomically (QSaveFile: a temporary
// file, then a rename), so a killed process leaves a complete file or none.
//
// What exists is learned by one scan of the run's date folders at the start, not by a
// stat per file; files written during the run are added to that picture. Event ids
// that are not plain [A-Za-z0-9_-] (or that would clash with events.json) are never
// used as file names as they are: they are hashed, so nothing is written outside raw/.
class SnapshotStore {
public:
    SnapshotStore(QString rawDir, QString sport);

    static QString eventsFileName() { return QStringLiteral("events.json"); }
    static QString eventFileName(const QString& eventId);
    static bool isSafeEventId(const QString& eventId);

    // Lists the date folders once. With `removeTemporaries` (the run itself, before any
    // worker writes) it also deletes temporary files a killed run left behind; a
    // read-only planner must not, as a running job may be writing them.
    // An empty file is not listed: no complete answer is empty, so it is fetched again.
    void scan(const QList<QDate>& dates, bool removeTemporaries = false);
    bool has(QDate date, const QString& fileName) const;
    // Forgets a listed file that turned out not to be a whole answer, so it is fetched again.
    void forget(QDate date, const QString& fileName);
    int eventFileCount(QDate date) const; // event files (not events.json) known for a date
    QString dateDir(QDate date) const;

    // Stores `bytes` under its final name only once all of them are on disk (written, fsynced,
    // renamed); any failure — a full disk, a read-only folder — is an error naming the OS's reason
    // and the file, and leaves no file under the final name.
    bool write(QDate date, const QString& fileName, const QByteArray& bytes, QString& error);
    std::optional<QByteArray> read(QDate date, const QString& fileName) const;

private:
    static bool writeWhole(const QString& path, const QByteArray& bytes, QString& error);

    QString m_sportDir;
    mutable QMutex m_mutex;
    QHash<QDate, QSet<QString>> m_files;
};

} // namespace bfs
