#pragma once

#include <QCommandLineParser>
#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>

#include <limits>
#include <optional>

namespace bfs::cli {

// One command's flags: declared once (name, help, value name) and read as typed values, so
// every command checks and words its flags the same way (qBittorrent's cmdoptions.cpp is the
// model). Each read leaves its target alone when the flag is absent — the target holds the
// default — assigns it when the value is valid, and otherwise returns false with error()
// naming the flag, what it accepts and what it got: "--rate must be a number > 0, got 'x'".
// A command reads all its flags in one chain and returns usageError() on the first false.
class CommandFlags {
public:
    static constexpr qint64 NoMax = std::numeric_limits<qint64>::max(); // integers
    static constexpr double Unbounded = std::numeric_limits<double>::infinity(); // numbers

    explicit CommandFlags(const QString& description);

    // A switch (no value) when `valueName` is empty.
    CommandFlags& add(const QString& name, const QString& help, const QString& valueName = {});
    CommandFlags& add(const QCommandLineOption& option);
    // --json, --workers N (1…64, default cores − 1), --database URL (team mode).
    CommandFlags& addJson();
    CommandFlags& addWorkers();
    CommandFlags& addDatabase();

    // Parses `arguments` (arguments[0] is the program). False means: return exitCode() now —
    // 2 after a usage message on stderr, 0 after --help printed the help on stdout.
    bool parse(const QStringList& arguments);
    int exitCode() const { return m_exitCode; }

    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString text(const QString& name) const { return m_parser.value(name); }
    bool json() const { return isSet(QStringLiteral("json")); }
    const QCommandLineParser& parser() const { return m_parser; }

    // Conditions between flags.
    bool require(const QString& name); // "--out is required"
    bool exclusive(const QString& a, const QString& b); // "--a and --b are exclusive"
    bool onlyWith(
        const QString& flag, const QString& other, const QString& why = {}); // "--plan-events only goes with --dry-run"

    // Typed reads.
    bool readInt(const QString& name, qint64 min, qint64 max, int& target);
    bool readInt(const QString& name, qint64 min, qint64 max, qint64& target);
    bool readInt(const QString& name, qint64 min, qint64 max, std::optional<qint64>& target);
    bool readSeed(quint64& target); // --seed: any non-negative 64-bit integer
    enum class Bound { Inclusive, Exclusive };
    bool readNumber(const QString& name, double min, double max, double& target, Bound lower = Bound::Inclusive);
    bool readDate(const QString& name, QDate& target); // YYYY-MM-DD
    bool readTime(const QString& name, QTime& target); // HH:MM or HH:MM:SS
    bool readTime(const QString& name, std::optional<QTime>& target);
    bool readList(const QString& name, QStringList& target); // "a, b,c" → trimmed, non-empty
    bool readIntList(const QString& name, qint64 min, qint64 max, QList<int>& target); // "1, 2,4"
    bool readDateList(const QString& name, QList<QDate>& target); // "2024-06-24,2024-08-26"
    bool readPath(const QString& name, QString& target); // a non-empty value
    bool readWorkers(int& target); // --workers, default JobEngine::defaultWorkers()
    bool readDateRange(QDate& start, QDate& end); // --start and --end, both required, end ≥ start

    // The first problem a read or a condition found.
    const QString& error() const { return m_error; }
    // Prints error() as a usage error and returns ExitUsage.
    int usageError() const;
    // Records a problem the flags cannot see themselves; returns false.
    bool reject(const QString& message);

private:
    bool readInteger(const QString& name, qint64 min, qint64 max, qint64& value);

    QCommandLineParser m_parser;
    QString m_error;
    int m_exitCode = 0;
};

} // namespace bfs::cli
