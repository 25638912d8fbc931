#include "DatabaseUrl.h"

#include <QUrl>
#include <QUrlQuery>

namespace bfs {

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString& text, QString& error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    // Never echo the text itself: it may carry a password.
    if (!url.isValid()) {
        error = QStringLiteral("--database: not a valid URL (%1)").arg(url.errorString().section(u';', 0, 0));
        return std::nullopt;
    }
    if (url.scheme() != u"postgresql" && url.scheme() != u"postgres") {
        error = QStringLiteral("--database: expected postgresql://USER@HOST:PORT/DBNAME, got a %1: URL")
                    .arg(url.scheme().isEmpty() ? QStringLiteral("scheme-less") : url.scheme());
        return std::nullopt;
    }
    DatabaseUrl result;
    result.m_user = url.userName(QUrl::FullyDecoded);
    result.m_password = url.password(QUrl::FullyDecoded);
    result.m_host = url.host(QUrl::FullyDecoded);
    result.m_port = url.port(5432);
    result.m_database = url.path(QUrl::FullyDecoded).mid(1);
    if (result.m_host.isEmpty() || result.m_database.isEmpty() || result.m_database.contains(u'/')) {
        error = QStringLiteral("--database: %1 needs a host and a database name: postgresql://USER@HOST:PORT/DBNAME")
                    .arg(result.redacted());
        return std::nullopt;
    }
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key == u"password") {
            result.m_password = value;
            continue;
        }
        result.m_parameters.append({ key, value });
    }
    return result;
}

QString DatabaseUrl::redacted() const
{
    QString text = withoutPassword();
    if (!m_user.isEmpty())
        text.insert(text.indexOf(u'@'), QStringLiteral(":***")); // the user is percent-encoded: its @ is the first
    return text;
}

DatabaseUrl DatabaseUrl::withPassword(const QString& password) const
{
    DatabaseUrl url = *this;
    url.m_password = password;
    return url;
}

QString DatabaseUrl::withoutPassword() const
{
    QString text = QStringLiteral("postgresql://");
    if (!m_user.isEmpty())
        text += QString::fromLatin1(QUrl::toPercentEncoding(m_user)) + u'@';
    text += m_host.contains(u':') ? QStringLiteral("[%1]").arg(m_host) : m_host;
    text += QStringLiteral(":%1/%2").arg(m_port).arg(m_database);
    QStringList query;
    for (const auto& [key, value] : m_parameters)
        query.append(key + u'=' + value);
    if (!query.isEmpty())
        text += u'?' + query.join(u'&');
    return text;
}

namespace {
QByteArray quoted(const QString& value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('\'', "\\'");
    return '\'' + out + '\'';
}
} // namespace

QByteArray DatabaseUrl::connectionInfo() const
{
    QByteArray info
        = "host=" + quoted(m_host) + " port=" + QByteArray::number(m_port) + " dbname=" + quoted(m_database);
    if (!m_user.isEmpty())
        info += " user=" + quoted(m_user);
    if (!m_password.isEmpty())
        info += " password=" + quoted(m_password);
    bool timeout = false;
    for (const auto& [key, value] : m_parameters) {
        info += ' ' + key.toUtf8() + '=' + quoted(value);
        timeout = timeout || key == u"connect_timeout";
    }
    if (!timeout)
        info += " connect_timeout=10"; // an unreachable server is an error in seconds, not minutes
    return info;
}

} // namespace bfs
