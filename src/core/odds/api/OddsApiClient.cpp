#include "OddsApiClient.h"

#include "odds/scrape/SnapshotRule.h"

#include <QElapsedTimer>
#include <QUrlQuery>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <system_error>

namespace bfs {

namespace {
std::optional<qint64> headerNumber(const QByteArray& raw)
{
    const QByteArray value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double number = value.toDouble(&ok); // the API sometimes sends "10.0"
    return ok ? std::optional<qint64>(qint64(number)) : std::nullopt;
}

// What one request collects while curl reads the answer on the calling thread.
struct Answer {
    QByteArray body;
    QByteArray remaining, used, last, retryAfter; // the final answer's headers (not a redirect's)
    bool tooLarge = false;
};

size_t collectBody(char* data, size_t size, size_t count, void* target)
{
    auto* answer = static_cast<Answer*>(target);
    const size_t bytes = size * count;
    // No answer of the API comes near MaxBodyBytes: a bigger one is refused before it fills memory.
    if (answer->body.size() + qint64(bytes) > OddsApiClient::MaxBodyBytes) {
        answer->tooLarge = true;
        return 0; // curl stops the transfer (CURLE_WRITE_ERROR)
    }
    answer->body.append(data, qsizetype(bytes));
    return bytes;
}

size_t collectHeader(char* data, size_t size, size_t count, void* target)
{
    auto* answer = static_cast<Answer*>(target);
    const QByteArray line = QByteArray::fromRawData(data, qsizetype(size * count));
    if (line.startsWith("HTTP/")) { // a new answer's status line: a redirect's headers do not count
        answer->remaining.clear();
        answer->used.clear();
        answer->last.clear();
        answer->retryAfter.clear();
        return size * count;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        QByteArray* slot = name == "x-requests-remaining" ? &answer->remaining
            : name == "x-requests-used"                   ? &answer->used
            : name == "x-requests-last"                   ? &answer->last
            : name == "retry-after"                       ? &answer->retryAfter
                                                          : nullptr;
        if (slot)
            *slot = line.mid(colon + 1).trimmed();
    }
    return size * count;
}

// Where a redirect that was not followed pointed: the address curl stopped at, once it has
// followed at least one.
std::optional<QUrl> redirectTarget(CURL* curl)
{
    long redirects = 0;
    char* address = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_COUNT, &redirects) != CURLE_OK || redirects == 0
        || curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &address) != CURLE_OK || !address)
        return std::nullopt;
    return QUrl::fromEncoded(QByteArray(address));
}
} // namespace

// One handle for all of a client's requests: curl keeps its connection (and DNS answer) alive in
// it. What never changes between requests is set here once.
struct OddsApiClient::Transfer {
    CURL* handle = nullptr;
    curl_slist* headers = nullptr;
    char error[CURL_ERROR_SIZE] = {};

    explicit Transfer(int timeoutMs)
    {
        initialiseHttp();
        handle = curl_easy_init();
        headers = curl_slist_append(headers, "Accept: application/json");
        if (!handle || !headers)
            return;
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L); // worker threads: no SIGALRM for timeouts
        curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(handle, CURLOPT_USERAGENT, "backfill-studio/" BFS_VERSION);
        curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, ""); // every encoding curl decodes
        curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(timeoutMs));
        curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
        curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(MaxBodyBytes));
        curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collectBody);
        curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, collectHeader);
        curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    }
    ~Transfer()
    {
        curl_easy_cleanup(handle);
        curl_slist_free_all(headers);
    }
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
};

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
    , m_transfer(std::make_unique<Transfer>(timeoutMs))
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
    if (!m_transfer->handle || !m_transfer->headers) {
        response.transportError = QStringLiteral("the HTTP client could not be initialised (libcurl)");
        return response;
    }
    CURL* curl = m_transfer->handle;
    Answer answer;
    const QByteArray address = url.toEncoded();
    curl_easy_setopt(curl, CURLOPT_URL, address.constData());
    // Never less safe: an https request follows no redirect to plain http.
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, url.scheme() == u"https" ? "https" : "http,https");
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer);
    m_transfer->error[0] = '\0';

    QElapsedTimer clock;
    clock.start();
    const CURLcode result = curl_easy_perform(curl);
    response.seconds = clock.nsecsElapsed() / 1e9;

    if (answer.tooLarge || result == CURLE_FILESIZE_EXCEEDED) {
        response.transportError
            = QStringLiteral("the answer is larger than %1 MB: refused").arg(MaxBodyBytes / (1024 * 1024));
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
        response.timedOut = true;
    } else if (result == CURLE_UNSUPPORTED_PROTOCOL && redirectTarget(curl)) {
        response.transportError
            = redact(QStringLiteral("the API redirected to %1, which is not followed (http and https only, never "
                                    "from https to http)")
                         .arg(redactUrl(*redirectTarget(curl))));
    } else if (result != CURLE_OK) {
        // curl's message names the host and port; the OS's reason ("Connection refused") follows.
        QString text = QString::fromUtf8(m_transfer->error[0] ? m_transfer->error : curl_easy_strerror(result));
        long osError = 0;
        if (curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &osError) == CURLE_OK && osError != 0)
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(std::generic_category().message(int(osError))));
        response.transportError = redact(text);
        response.unreachable = result == CURLE_COULDNT_CONNECT || result == CURLE_COULDNT_RESOLVE_HOST
            || result == CURLE_COULDNT_RESOLVE_PROXY;
    } else {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        response.status = int(status);
        response.body = std::move(answer.body);
        response.remaining = headerNumber(answer.remaining);
        response.used = headerNumber(answer.used);
        response.last = headerNumber(answer.last);
        if (const auto retry = headerNumber(answer.retryAfter))
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
    }
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

void OddsApiClient::initialiseHttp()
{
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
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
