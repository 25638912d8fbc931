#pragma once

#include <QString>

namespace bfs::app {

// The GUI's secrets: the Odds API key and the team database's password.
enum class Secret { ApiKey, TeamDatabasePassword };

// Where the GUI keeps its secrets: the system keychain (macOS Keychain, Secret Service on
// Linux) through QtKeychain when the build has it and a keychain answers; never QSettings, the
// workspace or a log. When no keychain takes a secret (a headless Linux session, a build without
// QtKeychain) it is kept in memory for this session, so a run still has it, and write() says why
// it could not be stored.
class SecretStore {
public:
    static bool isAvailable(); // built with QtKeychain
    // Blocking with a short timeout (a missing keychain service must not hang the UI
    // for long). The session's value when no keychain holds one; empty when neither does.
    static QString read(Secret secret, QString* error = nullptr);
    // An empty value deletes it. False, with the keychain's reason in `error`, when only the
    // session keeps it.
    static bool write(Secret secret, const QString& value, QString* error = nullptr);
    // The team database's password for libpq (PGPASSWORD) in this process, unless the
    // environment already gave one. Called at start and whenever the password changes.
    static void exportTeamPassword();
};

} // namespace bfs::app
