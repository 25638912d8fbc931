#pragma once

#include <QString>

namespace bfs::app {

// Where the GUI keeps the Odds API key: the system keychain (macOS Keychain, Secret
// Service on Linux) through QtKeychain when the build has it and a keychain answers;
// never QSettings, the workspace or a log. When no keychain takes the key (a headless
// Linux session, a build without QtKeychain) it is kept in memory for this session, so a
// run still has it, and write() says why it could not be stored.
class ApiKeyStore {
public:
    static bool isAvailable(); // built with QtKeychain
    // Blocking with a short timeout (a missing keychain service must not hang the UI
    // for long). The session's key when no keychain holds one; empty when neither does.
    static QString read(QString* error = nullptr);
    // An empty key deletes it. False, with the keychain's reason in `error`, when only the
    // session keeps the key.
    static bool write(const QString& key, QString* error = nullptr);
};

} // namespace bfs::app
