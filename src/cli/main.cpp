// backfill-studio-cli: the engine headless. Commands register themselves (CliCommand.h).
#include "CliCommand.h"
#include "odds/api/OddsApiClient.h"
#include "util/ExitCode.h"

#include <QCoreApplication>
#ifdef BFS_WITH_CHARTS
#include <QApplication>
#endif

#include <cstdio>
#include <cstring>
#include <memory>

namespace bfs::cli {
std::vector<CliCommand>& commandRegistry()
{
    static std::vector<CliCommand> commands;
    return commands;
}
} // namespace bfs::cli

namespace {
void printUsage(FILE* out)
{
    std::fprintf(out, "usage: backfill-studio-cli <command> [options]\n\ncommands:\n");
    auto commands = bfs::cli::commandRegistry();
    std::sort(
        commands.begin(), commands.end(), [](const auto& a, const auto& b) { return std::strcmp(a.name, b.name) < 0; });
    for (const auto& command : commands)
        std::fprintf(out, "  %-20s %s\n", command.name, command.summary);
    std::fprintf(out, "\n`backfill-studio-cli <command> --help` for a command's options.\n");
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return bfs::ExitUsage;
    }
    const char* name = argv[1];
    if (!std::strcmp(name, "--help") || !std::strcmp(name, "-h") || !std::strcmp(name, "help")) {
        printUsage(stdout);
        return bfs::ExitOk;
    }
    if (!std::strcmp(name, "--version")) {
        std::printf("backfill-studio-cli %s\n", BFS_VERSION);
        return bfs::ExitOk;
    }
    bfs::OddsApiClient::initialiseHttp();
    for (const auto& command : bfs::cli::commandRegistry()) {
        if (std::strcmp(command.name, name) != 0)
            continue;
        std::unique_ptr<QCoreApplication> app;
#ifdef BFS_WITH_CHARTS
        if (command.needsGui) {
            // Charts are drawn without a display: the CLI runs on servers and in CI.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            app = std::make_unique<QApplication>(argc, argv);
        }
#endif
        if (!app)
            app = std::make_unique<QCoreApplication>(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("BackfillStudio"));
        QCoreApplication::setApplicationName(QStringLiteral("Backfill Studio"));
        QCoreApplication::setApplicationVersion(QStringLiteral(BFS_VERSION));
        QStringList arguments = QCoreApplication::arguments();
        arguments[0] += QLatin1Char(' ') + arguments[1];
        arguments.removeAt(1);
        return command.run(arguments);
    }
    std::fprintf(stderr, "backfill-studio-cli: error: unknown command '%s'\n\n", name);
    printUsage(stderr);
    return bfs::ExitUsage;
}
