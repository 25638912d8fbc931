#include "SimulatorServer.h"

#include "simulator/GzipEncoder.h"
#include "simulator/SimMarket.h"
#include "simulator/SimulatedSeason.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMutex>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>

namespace bfs::sim {

namespace {

using Status = QHttpServerResponder::StatusCode;

quint64 mix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

double unit(quint64 key)
{
    return double(mix64(key) >> 11) / double(1ULL << 53);
}

quint64 hashText(const QString& text)
{
    quint64 h = 1469598103934665603ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

// Times in filters are written like `date`: ISO 8601 in UTC with the "Z".
QDateTime parseIsoZ(const QString& text)
{
    const QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    return at.isValid() && text.endsWith(u'Z') ? at : QDateTime();
}

QStringList splitList(const QString& text)
{
    QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    for (QString& p : parts)
        p = p.trimmed();
    parts.removeAll(QString());
    return parts;
}

} // namespace

// Everything that runs on the server thread: the QHttpServer, the fault and quota
// state, the per-request timers.
class SimulatorBackend : public QObject {
public:
    SimulatorBackend(SimulatorOptions options)
        : m_options(std::move(options))
        , m_season(m_options.seed)
        , m_tokens(std::max(1.0, m_options.rateLimit)) // a full bucket: one second's burst is allowed
    {
        m_clock.start();
    }

    ~SimulatorBackend() override
    {
        // Answers still waiting for their timer when the server stops are dropped.
        qDeleteAll(m_pending);
    }

    quint16 listen(quint16 port, QString& error)
    {
        m_server = new QHttpServer(this);
        m_server->route(QStringLiteral("/v4/historical/sports/<arg>/events"),
            [this](const QString& sport, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                respond(request, std::move(responder), sport, QString(), false);
            });
        m_server->route(QStringLiteral("/v4/historical/sports/<arg>/events/<arg>/odds"),
            [this](const QString& sport, const QString& eventId, const QHttpServerRequest& request,
                QHttpServerResponder&& responder) { respond(request, std::move(responder), sport, eventId, true); });
        const quint16 bound = m_server->listen(QHostAddress::LocalHost, port);
        if (bound == 0)
            error = QStringLiteral("cannot listen on 127.0.0.1:%1 (port in use?)").arg(port);
        return bound;
    }

    std::atomic<qint64> requests { 0 };
    std::atomic<qint64> credits { 0 };
    std::atomic<qint64> faults { 0 };
    mutable QMutex logMutex;
    QStringList log;
    QList<double> arrived, answered; // seconds since start, by arrival index; answered -1 until sent
    QList<int> statuses;

private:
    struct Answer {
        Status status = Status::Ok;
        QByteArray body;
        qint64 cost = 0;
        int retryAfter = -1;
        bool malformed = false;
    };

    static Answer error(Status status, const char* code, const QString& message)
    {
        nlohmann::ordered_json body { { "message", message.toStdString() }, { "error_code", code },
            { "details_url",
                std::string("https://the-odds-api.com/liveapi/guides/v4/api-error-codes.html#")
                    + QString::fromLatin1(code).toLower().replace(u'_', u'-').toStdString() } };
        return { status, QByteArray::fromStdString(body.dump()), 0, -1, false };
    }

    bool rateLimited()
    {
        if (m_options.rateLimit <= 0)
            return false;
        const double now = m_clock.nsecsElapsed() / 1e9;
        const double capacity = std::max(1.0, m_options.rateLimit);
        m_tokens = std::min(capacity, m_tokens + (now - m_lastRefill) * m_options.rateLimit);
        m_lastRefill = now;
        if (m_tokens < 1.0)
            return true;
        m_tokens -= 1.0;
        return false;
    }

    Answer answer(const QHttpServerRequest& request, const QString& sport, const QString& eventId, bool odds)
    {
        const QUrlQuery query = request.query();
        // Every value fully decoded, as any HTTP server decodes it: a client that sends
        // "2024-05-01T18%3A00%3A00Z" or "a%2Cb" (Python's urlencode, requests) means ":" and ",".
        auto value
            = [&query](const char* name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
        // Faults depend on the request without its key and on how often it was asked,
        // so retries eventually succeed and the pattern does not depend on timing.
        QUrlQuery keyless = query;
        keyless.removeAllQueryItems(QStringLiteral("apiKey"));
        const QString identity = request.url().path() + u'?' + keyless.toString(QUrl::FullyDecoded);
        const int attempt = m_attempts[identity]++;
        const quint64 key = mix64(m_options.seed ^ hashText(identity)) ^ quint64(attempt) * 0x100000001B3ULL;

        if (rateLimited()) {
            Answer a = error(Status::TooManyRequests, "EXCEEDED_FREQ_LIMIT",
                QStringLiteral("Requests are being sent too frequently. Please reduce the request rate."));
            a.retryAfter = m_options.retryAfterSeconds;
            return a;
        }
        const QString apiKey = value("apiKey");
        if (apiKey.isEmpty())
            return error(Status::Unauthorized, "MISSING_KEY", QStringLiteral("API key is missing"));
        if (!m_options.requiredKey.isEmpty() && apiKey != m_options.requiredKey)
            return error(Status::Unauthorized, "INVALID_KEY",
                QStringLiteral("API key is not valid or your subscription is inactive"));
        if (unit(key ^ 0x1) < m_options.errorRate)
            return error(Status::InternalServerError, "INTERNAL_ERROR", QStringLiteral("Internal server error"));
        if (unit(key ^ 0x2) < m_options.rate429) {
            Answer a = error(Status::TooManyRequests, "EXCEEDED_FREQ_LIMIT",
                QStringLiteral("Requests are being sent too frequently. Please reduce the request rate."));
            a.retryAfter = m_options.retryAfterSeconds;
            return a;
        }
        if (sport != QStringLiteral("baseball_mlb"))
            return error(Status::NotFound, "UNKNOWN_SPORT", QStringLiteral("Unknown sport %1").arg(sport));
        const QString dateText = value("date");
        const QDateTime at = QDateTime::fromString(dateText, Qt::ISODate);
        if (!at.isValid() || !dateText.endsWith(u'Z'))
            return error(Status::UnprocessableEntity, "INVALID_HISTORICAL_TIMESTAMP",
                QStringLiteral("Invalid date parameter '%1'. Expected ISO 8601 format, e.g. 2023-05-03T15:00:00Z")
                    .arg(dateText));

        // dateFormat applies to both endpoints; an unknown one is refused, not ignored.
        const QString dateFormat = value("dateFormat");
        if (!dateFormat.isEmpty() && dateFormat != QStringLiteral("iso") && dateFormat != QStringLiteral("unix"))
            return error(Status::UnprocessableEntity, "INVALID_DATE_FORMAT",
                QStringLiteral("Invalid dateFormat '%1'. Use iso or unix").arg(dateFormat));
        const bool unixDates = dateFormat == QStringLiteral("unix");

        Answer a;
        if (!odds) {
            SimEventsQuery eq;
            eq.unixDates = unixDates;
            if (query.hasQueryItem(QStringLiteral("eventIds"))) {
                static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9]{32}$"));
                eq.eventIds = splitList(value("eventIds"));
                if (eq.eventIds.isEmpty())
                    return error(Status::UnprocessableEntity, "INVALID_EVENT_ID",
                        QStringLiteral("Invalid eventIds parameter: no event id given"));
                for (const QString& id : eq.eventIds) {
                    if (!idPattern.match(id).hasMatch())
                        return error(Status::UnprocessableEntity, "INVALID_EVENT_ID",
                            QStringLiteral("Invalid event id '%1' in eventIds").arg(id));
                }
            }
            const std::pair<const char*, QDateTime*> bounds[]
                = { { "commenceTimeFrom", &eq.commenceFrom }, { "commenceTimeTo", &eq.commenceTo } };
            for (const auto& [name, target] : bounds) {
                if (!query.hasQueryItem(QLatin1String(name)))
                    continue;
                *target = parseIsoZ(value(name));
                if (!target->isValid()) {
                    const QByteArray code
                        = "INVALID_" + QByteArray(name).replace("commenceTime", "COMMENCE_TIME_").toUpper();
                    return error(Status::UnprocessableEntity, code.constData(),
                        QStringLiteral("Invalid %1 parameter '%2'. Expected ISO 8601 format, e.g. 2023-09-09T00:00:00Z")
                            .arg(QLatin1String(name), value(name)));
                }
            }
            int count = 0;
            a.body = m_season.eventsJson(sport, at, eq, &count);
            a.cost = count > 0 ? 1 : 0;
            if (count == 0 && m_options.noContentWhenEmpty) {
                a.status = Status::NoContent;
                a.body.clear();
            }
        } else {
            SimOddsQuery q;
            q.markets = splitList(value("markets"));
            q.regions = splitList(value("regions"));
            q.bookmakers = splitList(value("bookmakers"));
            const QString format = value("oddsFormat");
            if (q.markets.isEmpty())
                q.markets = QStringList { QStringLiteral("h2h") };
            for (const QString& m : q.markets) {
                if (!SimMarket::find(m))
                    return error(Status::UnprocessableEntity, "INVALID_MARKET",
                        QStringLiteral("Markets not supported by this endpoint: %1").arg(m));
            }
            static const QStringList knownRegions { QStringLiteral("us"), QStringLiteral("us2"), QStringLiteral("uk"),
                QStringLiteral("eu"), QStringLiteral("au") };
            if (q.bookmakers.isEmpty() && q.regions.isEmpty())
                return error(Status::UnprocessableEntity, "MISSING_REGION",
                    QStringLiteral("Missing regions or bookmakers parameter"));
            for (const QString& r : q.regions) {
                if (!knownRegions.contains(r))
                    return error(
                        Status::UnprocessableEntity, "INVALID_REGION", QStringLiteral("Invalid region %1").arg(r));
            }
            if (!format.isEmpty() && format != QStringLiteral("american") && format != QStringLiteral("decimal"))
                return error(Status::UnprocessableEntity, "INVALID_ODDS_FORMAT",
                    QStringLiteral("Invalid oddsFormat %1").arg(format));
            q.decimal = format.isEmpty() || format == QStringLiteral("decimal");
            q.unixDates = unixDates;
            const auto game = m_season.game(eventId);
            const bool gone = unit(mix64(m_options.seed ^ hashText(eventId)) ^ 0x3) < m_options.missingRate;
            if (!game || gone)
                return error(Status::NotFound, "EVENT_NOT_FOUND",
                    QStringLiteral("Event not found. The event may have expired or the event id is invalid"));
            const SimOddsResult result = m_season.eventOddsJson(sport, *game, at, q);
            a.body = result.body;
            a.cost = result.credits;
            // The empty snapshot some deployments send instead of the odds: nothing charged.
            if (unit(key ^ 0x6) < m_options.rate204) {
                a.status = Status::NoContent;
                a.body.clear();
                a.cost = 0;
            }
        }
        if (m_options.quota > 0 && credits.load() + a.cost > m_options.quota)
            return error(Status::Unauthorized, "OUT_OF_USAGE_CREDITS",
                QStringLiteral("Usage quota has been reached. See usage plans at https://the-odds-api.com"));
        if (a.status != Status::NoContent && unit(key ^ 0x4) < m_options.malformedRate) {
            a.body.truncate(a.body.size() / 2); // a cut connection's worth of JSON, cost not charged
            a.cost = 0;
            a.malformed = true;
        }
        return a;
    }

    void respond(const QHttpServerRequest& request, QHttpServerResponder&& responder, const QString& sport,
        const QString& eventId, bool odds)
    {
        ++requests;
        qsizetype index = 0;
        const qint64 arrivedNs = m_clock.nsecsElapsed();
        {
            QUrlQuery masked = request.query();
            if (masked.hasQueryItem(QStringLiteral("apiKey"))) {
                masked.removeAllQueryItems(QStringLiteral("apiKey"));
                masked.addQueryItem(QStringLiteral("apiKey"), QStringLiteral("***"));
            }
            QMutexLocker lock(&logMutex);
            log.append(QStringLiteral("GET %1?%2").arg(request.url().path(), masked.toString()));
            index = arrived.size();
            arrived.append(arrivedNs / 1e9);
            answered.append(-1);
            statuses.append(0);
        }
        Answer a = answer(request, sport, eventId, odds);
        bool gzip = false;
        for (const auto& [name, headerValue] : request.headers()) {
            if (name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0 && GzipEncoder::accepts(headerValue))
                gzip = true;
        }
        if (a.malformed || a.status == Status::InternalServerError || a.status == Status::TooManyRequests)
            ++faults;
        credits += a.cost;
        const qint64 used = credits.load();
        const qint64 remaining = m_options.quota > 0 ? std::max<qint64>(0, m_options.quota - used) : 10'000'000 - used;

        // The latency runs from the arrival: the time spent building the answer is part of it.
        int delay = 0;
        if (m_options.latencyMs > 0) {
            const double jitter = 0.75 + 0.5 * unit(quint64(requests.load()) ^ m_options.seed ^ 0x5);
            const qint64 dueNs = arrivedNs + qint64(std::llround(m_options.latencyMs * jitter * 1e6));
            delay = int(std::max<qint64>(0, (dueNs - m_clock.nsecsElapsed()) / 1'000'000));
        }
        // A timer, not a sleep: every pending response waits concurrently. Qt 6.4's
        // QFuture responses crash on this path, so the responder is kept instead; if
        // the client hangs up meanwhile, the socket is gone and the response dropped.
        auto* pending = new QHttpServerResponder(std::move(responder));
        m_pending.insert(pending);
        QPointer<QTcpSocket> socket = pending->socket();
        QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, pending, socket, a, used, remaining, gzip, index] {
            m_pending.remove(pending);
            if (!socket) {
                delete pending; // the client hung up: nothing to write to
                return;
            }
            {
                QMutexLocker lock(&logMutex);
                answered[index] = m_clock.nsecsElapsed() / 1e9;
                statuses[index] = int(a.status);
            }
            const QByteArray retryAfter = QByteArray::number(std::max(0, a.retryAfter));
            const QByteArray rem = QByteArray::number(remaining), usedText = QByteArray::number(used),
                             last = QByteArray::number(a.cost);
            if (a.status == Status::NoContent) {
                pending->write({ { QByteArrayLiteral("x-requests-remaining"), rem },
                                   { QByteArrayLiteral("x-requests-used"), usedText },
                                   { QByteArrayLiteral("x-requests-last"), last } },
                    a.status);
            } else {
                // Header by header: which headers go out depends on the answer, and Qt 6.4's
                // write() only takes a fixed initializer list.
                const QByteArray body = gzip ? GzipEncoder::compress(a.body) : a.body;
                pending->writeStatusLine(a.status);
                pending->writeHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
                pending->writeHeader(QByteArrayLiteral("x-requests-remaining"), rem);
                pending->writeHeader(QByteArrayLiteral("x-requests-used"), usedText);
                pending->writeHeader(QByteArrayLiteral("x-requests-last"), last);
                if (a.retryAfter >= 0)
                    pending->writeHeader(QByteArrayLiteral("Retry-After"), retryAfter);
                if (gzip)
                    pending->writeHeader(QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip"));
                pending->writeHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept-Encoding"));
                pending->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
                pending->writeBody(body);
            }
            delete pending;
        });
    }

    SimulatorOptions m_options;
    SimulatedSeason m_season;
    QHttpServer* m_server = nullptr;
    QHash<QString, int> m_attempts;
    QSet<QHttpServerResponder*> m_pending;
    QElapsedTimer m_clock;
    double m_tokens;
    double m_lastRefill = 0;
};

SimulatorServer::SimulatorServer(SimulatorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

SimulatorServer::~SimulatorServer()
{
    if (m_thread) {
        QMetaObject::invokeMethod(
            m_backend, [this] { delete m_backend; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

quint16 SimulatorServer::start(quint16 port, QString& error)
{
    if (m_thread)
        return m_port;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("odds-api-simulator"));
    m_backend = new SimulatorBackend(m_options);
    m_backend->moveToThread(m_thread.get());
    m_thread->start();
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        m_backend, [&] { bound = m_backend->listen(port, error); }, Qt::BlockingQueuedConnection);
    m_port = bound;
    return bound;
}

QString SimulatorServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

qint64 SimulatorServer::requestCount() const
{
    return m_backend ? m_backend->requests.load() : 0;
}
qint64 SimulatorServer::creditsUsed() const
{
    return m_backend ? m_backend->credits.load() : 0;
}
qint64 SimulatorServer::faultCount() const
{
    return m_backend ? m_backend->faults.load() : 0;
}

QStringList SimulatorServer::requestLog() const
{
    if (!m_backend)
        return {};
    QMutexLocker lock(&m_backend->logMutex);
    return m_backend->log;
}

QList<RequestTiming> SimulatorServer::requestTimings() const
{
    QList<RequestTiming> timings;
    if (!m_backend)
        return timings;
    QMutexLocker lock(&m_backend->logMutex);
    timings.reserve(m_backend->log.size());
    for (qsizetype i = 0; i < m_backend->log.size(); ++i)
        timings.append({ m_backend->arrived[i], m_backend->answered[i], m_backend->statuses[i], m_backend->log[i] });
    return timings;
}

} // namespace bfs::sim
