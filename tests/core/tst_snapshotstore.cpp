// SnapshotStore::write on a file system that refuses the bytes: a real short write (the
// process's file-size limit makes the kernel answer EFBIG, as a full disk answers ENOSPC) is
// an error naming the file and the OS's reason, and no file carries the final name.
#include "odds/scrape/SnapshotStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace bfs;

namespace {
QString dateDir(const QTemporaryDir& dir, QDate date)
{
    return dir.path() + QStringLiteral("/baseball_mlb/") + date.toString(Qt::ISODate);
}
} // namespace

class TestSnapshotStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusedWriteLeavesNoFinalFile()
    {
        QTemporaryDir dir;
        SnapshotStore store(dir.path(), QStringLiteral("baseball_mlb"));
        const QDate date(2024, 5, 1);
        QString error;
        QVERIFY2(store.write(date, QStringLiteral("small"), QByteArray(1000, '{'), error), qPrintable(error));

        rlimit saved {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN); // the write then fails with EFBIG
        rlimit limited = saved;
        limited.rlim_cur = 16 * 1024;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
        const bool written = store.write(date, QStringLiteral("big"), QByteArray(64 * 1024, '{'), error);
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY(!written);
        const QString target = dateDir(dir, date) + QStringLiteral("/big.json");
        QVERIFY2(error.startsWith(QStringLiteral("cannot write %1 (write): ").arg(target)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("too large")), qPrintable(error));
        QVERIFY(!store.has(date, QStringLiteral("big")));
        // Nothing under the final name, no temporary left behind; the earlier file is intact.
        QCOMPARE(QDir(dateDir(dir, date)).entryList(QDir::Files), QStringList { QStringLiteral("small.json") });
        QFile small(dateDir(dir, date) + QStringLiteral("/small.json"));
        QVERIFY(small.open(QIODevice::ReadOnly));
        QCOMPARE(small.readAll(), QByteArray(1000, '{'));
    }

    void emptyFilesAreNotListed()
    {
        QTemporaryDir dir;
        SnapshotStore store(dir.path(), QStringLiteral("baseball_mlb"));
        const QDate date(2024, 5, 2);
        QVERIFY(QDir().mkpath(dateDir(dir, date)));
        QFile empty(dateDir(dir, date) + QStringLiteral("/abc.json"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QString error;
        QVERIFY(store.write(date, SnapshotStore::EventsList, QByteArrayLiteral("[]"), error));
        store.scan({ date });
        QVERIFY(!store.has(date, QStringLiteral("abc")));
        QVERIFY(store.has(date, SnapshotStore::EventsList));
        store.forget(date, SnapshotStore::EventsList);
        QVERIFY(!store.has(date, SnapshotStore::EventsList));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStore)
#include "tst_snapshotstore.moc"
