#include "ApiKeyStore.h"

#include <QCoreApplication>

#ifdef BFS_HAVE_KEYCHAIN
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>
#endif

namespace bfs::app {

namespace {
QString& sessionKey() // the key of this session when no keychain took it; GUI thread only
{
    static QString key;
    return key;
}

#ifdef BFS_HAVE_KEYCHAIN
const QString Service = QStringLiteral("Backfill Studio");
const QString Account = QStringLiteral("odds-api-key");
constexpr int TimeoutMs = 3000;

// Runs a keychain job to completion (or the timeout) and reports its error.
bool runJob(QKeychain::Job& job, QString* error)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        if (error)
            *error = QCoreApplication::translate("ApiKeyStore", "the system keychain did not answer");
        return false;
    }
    if (job.error() != QKeychain::NoError) {
        if (error)
            *error = job.errorString();
        return false;
    }
    return true;
}
#endif
} // namespace

bool ApiKeyStore::isAvailable()
{
#ifdef BFS_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString ApiKeyStore::read(QString* error)
{
    if (!sessionKey().isEmpty())
        return sessionKey();
#ifdef BFS_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(Service);
    job.setKey(Account);
    job.setInsecureFallback(false); // never a plain-text file
    if (!runJob(job, error))
        return {};
    return job.textData();
#else
    if (error)
        *error = QCoreApplication::translate("ApiKeyStore", "this build has no keychain support");
    return {};
#endif
}

bool ApiKeyStore::write(const QString& key, QString* error)
{
    sessionKey() = key; // until the keychain confirms it holds the key
#ifdef BFS_HAVE_KEYCHAIN
    if (key.isEmpty()) {
        QKeychain::DeletePasswordJob job(Service);
        job.setKey(Account);
        job.setInsecureFallback(false);
        return runJob(job, error) || (job.error() == QKeychain::EntryNotFound);
    }
    QKeychain::WritePasswordJob job(Service);
    job.setKey(Account);
    job.setInsecureFallback(false);
    job.setTextData(key);
    if (!runJob(job, error))
        return false;
    sessionKey().clear();
    return true;
#else
    if (error)
        *error = QCoreApplication::translate("ApiKeyStore", "this build has no keychain support");
    return key.isEmpty();
#endif
}

} // namespace bfs::app
