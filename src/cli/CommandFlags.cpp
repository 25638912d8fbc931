#include "CommandFlags.h"

#include "CliSupport.h"
#include "jobs/JobEngine.h"
#include "odds/scrape/BackfillSettings.h"
#include "util/Dates.h"
#include "util/ExitCode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bfs::cli {

namespace {

QString flag(const QString& name)
{
    return QStringLiteral("--") + name;
}

QString bound(double value)
{
    return QString::number(value, 'g', 12);
}

} // namespace

CommandFlags::CommandFlags(const QString& description)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
}

CommandFlags& CommandFlags::add(const QString& name, const QString& help, const QString& valueName)
{
    m_parser.addOption(
        valueName.isEmpty() ? QCommandLineOption(name, help) : QCommandLineOption(name, help, valueName));
    return *this;
}

CommandFlags& CommandFlags::add(const QCommandLineOption& option)
{
    m_parser.addOption(option);
    return *this;
}

CommandFlags& CommandFlags::addJson()
{
    return add(QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object on stdout."));
}

CommandFlags& CommandFlags::addWorkers()
{
    return add(QStringLiteral("workers"),
        QStringLiteral("Worker threads, %1…%2 (default %3).")
            .arg(JobEngine::MinWorkers)
            .arg(JobEngine::MaxWorkers)
            .arg(JobEngine::defaultWorkers()),
        QStringLiteral("N"));
}

CommandFlags& CommandFlags::addDatabase()
{
    return add(databaseOption());
}

bool CommandFlags::parse(const QStringList& arguments)
{
    const QCommandLineOption help(
        QStringList { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    m_parser.addOption(help);
    if (!m_parser.parse(arguments)) {
        m_exitCode = cli::usageError(m_parser.errorText());
        return false;
    }
    if (m_parser.isSet(help)) {
        std::fputs(qUtf8Printable(m_parser.helpText()), stdout);
        m_exitCode = ExitOk;
        return false;
    }
    if (!m_parser.positionalArguments().isEmpty()) {
        m_exitCode
            = cli::usageError(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().first()));
        return false;
    }
    return true;
}

bool CommandFlags::reject(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

int CommandFlags::usageError() const
{
    return cli::usageError(m_error);
}

bool CommandFlags::require(const QString& name)
{
    if (isSet(name) && !text(name).isEmpty())
        return true;
    return reject(QStringLiteral("%1 is required").arg(flag(name)));
}

bool CommandFlags::exclusive(const QString& a, const QString& b)
{
    if (isSet(a) && isSet(b))
        return reject(QStringLiteral("%1 and %2 are exclusive").arg(flag(a), flag(b)));
    return true;
}

bool CommandFlags::onlyWith(const QString& name, const QString& other, const QString& why)
{
    if (isSet(name) && !isSet(other))
        return reject(QStringLiteral("%1 only goes with %2%3")
                          .arg(flag(name), flag(other), why.isEmpty() ? QString() : u' ' + why));
    return true;
}

bool CommandFlags::readInteger(const QString& name, qint64 min, qint64 max, qint64& value)
{
    bool ok = false;
    value = text(name).trimmed().toLongLong(&ok);
    if (ok && value >= min && value <= max)
        return true;
    const QString range
        = max == NoMax ? QStringLiteral("≥ %1").arg(min) : QStringLiteral("from %1 to %2").arg(min).arg(max);
    return reject(QStringLiteral("%1 must be an integer %2, got '%3'").arg(flag(name), range, text(name)));
}

bool CommandFlags::readInt(const QString& name, qint64 min, qint64 max, int& target)
{
    max = std::min<qint64>(max, std::numeric_limits<int>::max());
    qint64 value = 0;
    if (!isSet(name))
        return true;
    if (!readInteger(name, min, max, value))
        return false;
    target = int(value);
    return true;
}

bool CommandFlags::readInt(const QString& name, qint64 min, qint64 max, qint64& target)
{
    qint64 value = 0;
    if (!isSet(name))
        return true;
    if (!readInteger(name, min, max, value))
        return false;
    target = value;
    return true;
}

bool CommandFlags::readInt(const QString& name, qint64 min, qint64 max, std::optional<qint64>& target)
{
    qint64 value = 0;
    if (!isSet(name))
        return true;
    if (!readInteger(name, min, max, value))
        return false;
    target = value;
    return true;
}

bool CommandFlags::readSeed(quint64& target)
{
    const QString name = QStringLiteral("seed");
    if (!isSet(name))
        return true;
    bool ok = false;
    const quint64 value = text(name).trimmed().toULongLong(&ok);
    if (!ok || text(name).trimmed().startsWith(u'-'))
        return reject(QStringLiteral("--seed must be a non-negative integer, got '%1'").arg(text(name)));
    target = value;
    return true;
}

bool CommandFlags::readNumber(const QString& name, double min, double max, double& target, Bound lower)
{
    if (!isSet(name))
        return true;
    bool ok = false;
    const double value = text(name).trimmed().toDouble(&ok);
    const bool aboveMin = lower == Bound::Exclusive ? value > min : value >= min;
    if (ok && std::isfinite(value) && aboveMin && value <= max) {
        target = value;
        return true;
    }
    QString range = QStringLiteral("%1 %2").arg(
        lower == Bound::Exclusive ? QStringLiteral(">") : QStringLiteral("≥"), bound(min));
    if (std::isfinite(max))
        range = lower == Bound::Inclusive ? QStringLiteral("from %1 to %2").arg(bound(min), bound(max))
                                          : range + QStringLiteral(" and ≤ %1").arg(bound(max));
    return reject(QStringLiteral("%1 must be a number %2, got '%3'").arg(flag(name), range, text(name)));
}

bool CommandFlags::readDate(const QString& name, QDate& target)
{
    if (!isSet(name))
        return true;
    const auto date = parseIsoDate(text(name));
    if (!date)
        return reject(QStringLiteral("%1 must be a date YYYY-MM-DD, got '%2'").arg(flag(name), text(name)));
    target = *date;
    return true;
}

bool CommandFlags::readTime(const QString& name, std::optional<QTime>& target)
{
    if (!isSet(name))
        return true;
    for (const QString& format : { QStringLiteral("HH:mm"), QStringLiteral("HH:mm:ss") }) {
        const QTime time = QTime::fromString(text(name), format);
        if (time.isValid()) {
            target = time;
            return true;
        }
    }
    return reject(QStringLiteral("%1 must be a time HH:MM (UTC), got '%2'").arg(flag(name), text(name)));
}

bool CommandFlags::readTime(const QString& name, QTime& target)
{
    std::optional<QTime> time;
    if (!readTime(name, time))
        return false;
    if (time)
        target = *time;
    return true;
}

bool CommandFlags::readList(const QString& name, QStringList& target)
{
    if (!isSet(name))
        return true;
    const QStringList items = splitCommaList(text(name));
    if (items.isEmpty())
        return reject(QStringLiteral("%1 needs at least one value").arg(flag(name)));
    target = items;
    return true;
}

bool CommandFlags::readIntList(const QString& name, qint64 min, qint64 max, QList<int>& target)
{
    QStringList items;
    if (!readList(name, items))
        return false;
    if (items.isEmpty())
        return true;
    QList<int> values;
    for (const QString& item : items) {
        bool ok = false;
        const qint64 value = item.toLongLong(&ok);
        if (!ok || value < min || value > max)
            return reject(QStringLiteral("%1: each count must be between %2 and %3, got '%4'")
                              .arg(flag(name))
                              .arg(min)
                              .arg(max)
                              .arg(item));
        values << int(value);
    }
    target = values;
    return true;
}

bool CommandFlags::readDateList(const QString& name, QList<QDate>& target)
{
    QStringList items;
    if (!readList(name, items))
        return false;
    QList<QDate> dates;
    for (const QString& item : items) {
        const auto date = parseIsoDate(item);
        if (!date)
            return reject(QStringLiteral("%1: '%2' is not a date YYYY-MM-DD").arg(flag(name), item));
        dates << *date;
    }
    if (!items.isEmpty())
        target = dates;
    return true;
}

bool CommandFlags::readPath(const QString& name, QString& target)
{
    if (!isSet(name))
        return true;
    if (text(name).trimmed().isEmpty())
        return reject(QStringLiteral("%1 needs a path").arg(flag(name)));
    target = text(name);
    return true;
}

bool CommandFlags::readWorkers(int& target)
{
    const QString name = QStringLiteral("workers");
    if (!isSet(name)) {
        target = JobEngine::defaultWorkers();
        return true;
    }
    bool ok = false;
    const int value = text(name).trimmed().toInt(&ok);
    if (!ok || value < JobEngine::MinWorkers || value > JobEngine::MaxWorkers)
        return reject(QStringLiteral("--workers must be between %1 and %2, got '%3'")
                          .arg(JobEngine::MinWorkers)
                          .arg(JobEngine::MaxWorkers)
                          .arg(text(name)));
    target = value;
    return true;
}

bool CommandFlags::readDateRange(QDate& start, QDate& end)
{
    if (!require(QStringLiteral("start")) || !require(QStringLiteral("end"))
        || !readDate(QStringLiteral("start"), start) || !readDate(QStringLiteral("end"), end))
        return false;
    if (end < start)
        return reject(QStringLiteral("--end %1 is before --start %2")
                          .arg(end.toString(Qt::ISODate), start.toString(Qt::ISODate)));
    return true;
}

} // namespace bfs::cli
