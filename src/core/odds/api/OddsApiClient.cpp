#include "OddsApiClient.h"

#include "odds/scrape/SnapshotRule.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace bfs {

namespace {
std::optional<qint64> headerNumber(const QNetworkReply* reply, const char* name)
{
    const QByteArray value = reply->rawHeader(name).trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double number = value.toDouble(&ok); // the API sometimes sends "10.0"
    return ok ? std::optional<qint64>(qint64(number)) : std::nullopt;
}
} // namespace

QString ApiResponse::describe() const
{
    if (timedOut)
        return QStringLiteral("timeout after %1 s").arg(seconds, 0, 'f', 0);
    if (status == 0)
        return transportError.isEmpty() ? QStringLiteral("no response") : transportError;
    QString text = QStringLiteral("HTTP %1").arg(status);
    if (!errorCode.isEmpty())
        text = QStringLiteral("%1 %2").arg(status).arg(errorCode);
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    return text;
}

OddsApiClient::OddsApiClient(QString baseUrl, QString apiKey, int timeoutMs)
    : m_base(std::move(baseUrl))
    , m_key(std::move(apiKey))
    , m_timeoutMs(timeoutMs)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

OddsApiClient::~OddsApiClient() = default;

QUrl OddsApiClient::eventsUrl(const QString& sport, const QDateTime& at) const
{
    QUrl url(m_base + QStringLiteral("/v4/historical/sports/") + QString::fromLatin1(QUrl::toPercentEncoding(sport))
        + QStringLiteral("/events"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("apiKey"), m_key);
    query.addQueryItem(QStringLiteral("date"), odds::isoZ(at));
    url.setQuery(query);
    return url;
}

QUrl OddsApiClient::oddsUrl(const QString& sport, const QString& eventId, const QDateTime& at,
    const QStringList& markets, const QStringList& regions, const QStringList& bookmakers,
    const QString& oddsFormat) const
{
    // The id is percent-encoded as one path segment: "../x" can never climb the path.
    QUrl url(m_base + QStringLiteral("/v4/historical/sports/") + QString::fromLatin1(QUrl::toPercentEncoding(sport))
        + QStringLiteral("/events/") + QString::fromLatin1(QUrl::toPercentEncoding(eventId)) + QStringLiteral("/odds"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("apiKey"), m_key);
    if (bookmakers.isEmpty())
        query.addQueryItem(QStringLiteral("regions"), regions.join(u','));
    else
        query.addQueryItem(QStringLiteral("bookmakers"), bookmakers.join(u','));
    query.addQueryItem(QStringLiteral("markets"), markets.join(u','));
    query.addQueryItem(QStringLiteral("oddsFormat"), oddsFormat);
    query.addQueryItem(QStringLiteral("date"), odds::isoZ(at));
    url.setQuery(query);
    return url;
}

ApiResponse OddsApiClient::get(const QUrl& url)
{
    ApiResponse response;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    QElapsedTimer clock;
    clock.start();
    QNetworkReply* reply = m_network->get(request);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        response.timedOut = true;
        reply->abort();
    });
    // No answer of the API comes near MaxBodyBytes: a bigger one is refused before it fills memory.
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if (!tooLarge && (received > MaxBodyBytes || total > MaxBodyBytes)) {
            tooLarge = true;
            reply->abort();
        }
    });
    timeout.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    timeout.stop();
    response.seconds = clock.nsecsElapsed() / 1e9;

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (tooLarge) {
        response.transportError
            = QStringLiteral("the answer is larger than %1 MB: refused").arg(MaxBodyBytes / (1024 * 1024));
    } else if (!response.timedOut && status.isValid()) {
        response.status = status.toInt();
        response.body = reply->readAll();
        response.remaining = headerNumber(reply, "x-requests-remaining");
        response.used = headerNumber(reply, "x-requests-used");
        response.last = headerNumber(reply, "x-requests-last");
        if (const auto retry = headerNumber(reply, "Retry-After"))
            response.retryAfterSeconds = int(*retry);
        if (response.status >= 400) {
            try {
                const auto json = nlohmann::json::parse(response.body.toStdString());
                if (json.is_object()) {
                    if (json.contains("error_code") && json["error_code"].is_string())
                        response.errorCode = QString::fromStdString(json["error_code"].get<std::string>());
                    if (json.contains("message") && json["message"].is_string())
                        response.message = redact(QString::fromStdString(json["message"].get<std::string>()));
                }
            } catch (const std::exception&) {
                // Not a JSON error body: the status alone describes it.
            }
        }
    } else if (!response.timedOut) {
        // Qt's error strings embed the full URL, key included: never pass them on raw.
        response.transportError = redact(reply->errorString());
        switch (reply->error()) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::UnknownNetworkError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
            response.unreachable = true;
            break;
        default:
            break;
        }
    }
    delete reply; // not deleteLater: a worker thread may never return to an event loop
    return response;
}

QString OddsApiClient::redact(const QString& text) const
{
    QString result = text;
    if (!m_key.isEmpty()) {
        result.replace(m_key, QStringLiteral("***"));
        // The key as it appears inside URLs: percent-encoded, and as QUrlQuery encodes it.
        QUrlQuery asQuery;
        asQuery.addQueryItem(QStringLiteral("k"), m_key);
        for (const QString& form : { QString::fromLatin1(QUrl::toPercentEncoding(m_key)),
                 asQuery.query(QUrl::FullyEncoded).mid(2), asQuery.query(QUrl::PrettyDecoded).mid(2) }) {
            if (!form.isEmpty() && form != m_key)
                result.replace(form, QStringLiteral("***"));
        }
    }
    return result;
}

bool OddsApiClient::isRequestableId(const QString& eventId)
{
    return !eventId.isEmpty() && eventId != u"." && eventId != u"..";
}

QString OddsApiClient::redactUrl(const QUrl& url)
{
    QUrl copy = url;
    QUrlQuery query(copy);
    if (query.hasQueryItem(QStringLiteral("apiKey"))) {
        query.removeAllQueryItems(QStringLiteral("apiKey"));
        query.addQueryItem(QStringLiteral("apiKey"), QStringLiteral("***"));
        copy.setQuery(query);
    }
    if (!copy.password().isEmpty())
        copy.setPassword(QStringLiteral("***"));
    return copy.toString();
}

} // namespace bfs
