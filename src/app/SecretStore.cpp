#include "SecretStore.h"

#include <QCoreApplication>

#ifdef BFS_HAVE_KEYCHAIN
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>
#endif

namespace bfs::app {

namespace {
QString& sessionValue(Secret secret) // the value of this session when no keychain took it; GUI thread only
{
    static QString values[2];
    return values[int(secret)];
}

#ifdef BFS_HAVE_KEYCHAIN
const QString Service = QStringLiteral("Backfill Studio");
QString account(Secret secret)
{
    return secret == Secret::ApiKey ? QStringLiteral("odds-api-key") : QStringLiteral("team-database-password");
}
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
            *error = QCoreApplication::translate("SecretStore", "the system keychain did not answer");
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

bool SecretStore::isAvailable()
{
#ifdef BFS_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString SecretStore::read(Secret secret, QString* error)
{
    if (!sessionValue(secret).isEmpty())
        return sessionValue(secret);
#ifdef BFS_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(Service);
    job.setKey(account(secret));
    job.setInsecureFallback(false); // never a plain-text file
    if (!runJob(job, error))
        return {};
    return job.textData();
#else
    if (error)
        *error = QCoreApplication::translate("SecretStore", "this build has no keychain support");
    return {};
#endif
}

bool SecretStore::write(Secret secret, const QString& key, QString* error)
{
    sessionValue(secret) = key; // until the keychain confirms it holds the value
#ifdef BFS_HAVE_KEYCHAIN
    if (key.isEmpty()) {
        QKeychain::DeletePasswordJob job(Service);
        job.setKey(account(secret));
        job.setInsecureFallback(false);
        return runJob(job, error) || (job.error() == QKeychain::EntryNotFound);
    }
    QKeychain::WritePasswordJob job(Service);
    job.setKey(account(secret));
    job.setInsecureFallback(false);
    job.setTextData(key);
    if (!runJob(job, error))
        return false;
    sessionValue(secret).clear();
    return true;
#else
    if (error)
        *error = QCoreApplication::translate("SecretStore", "this build has no keychain support");
    return key.isEmpty();
#endif
}

void SecretStore::exportTeamPassword()
{
    static const bool fromEnvironment = qEnvironmentVariableIsSet("PGPASSWORD");
    if (fromEnvironment)
        return;
    const QString password = read(Secret::TeamDatabasePassword);
    if (password.isEmpty())
        qunsetenv("PGPASSWORD");
    else
        qputenv("PGPASSWORD", password.toUtf8());
}

} // namespace bfs::app
