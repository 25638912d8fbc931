#pragma once

#include <QStringList>

#include <vector>

namespace bfs::cli {

// One `backfill-studio-cli <name>` command. Each command's file registers itself with
// a static CommandRegistrar, so adding a command touches no shared file.
struct CliCommand {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments); // arguments[0] is "backfill-studio-cli <name>"
    // Renders charts (a QApplication on the offscreen platform instead of QCoreApplication).
    bool needsGui = false;
};

std::vector<CliCommand>& commandRegistry();

struct CommandRegistrar {
    explicit CommandRegistrar(CliCommand command) { commandRegistry().push_back(command); }
};

} // namespace bfs::cli
