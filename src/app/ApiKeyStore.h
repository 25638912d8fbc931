#pragma once

#include <QString>

namespace bfs::app {

// Where the GUI keeps the Odds API key: the system keychain (macOS Keychain, Secret
// Service on Linux) through QtKeychain when the build has it and a keychain answers;
// never QSettings, the workspace or a log. Without a keychain the key lives only in
// the Backfill form for the session, or comes from ODDS_API_KEY.
class ApiKeyStore {
public:
    static bool isAvailable(); // built with QtKeychain
    // Blocking with a short timeout (a missing keychain service must not hang the UI
    // for long). Empty when none is stored or no keychain answered.
    static QString read(QString* error = nullptr);
    static bool write(const QString& key, QString* error = nullptr); // an empty key deletes it
};

} // namespace bfs::app
