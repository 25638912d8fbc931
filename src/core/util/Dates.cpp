#include "Dates.h"

namespace bfs {

std::optional<QDate> parseIsoDate(const QString& text)
{
    const QByteArray utf8 = text.trimmed().toUtf8();
    if (isoDayNumber(utf8.constData(), int(utf8.size())) < 0)
        return std::nullopt;
    return QDate::fromString(QString::fromLatin1(utf8), Qt::ISODate);
}

int isoDayNumber(const char* s, int length)
{
    if (length != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    auto digits = [s](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            value = value * 10 + (s[i] - '0');
        }
        return value;
    };
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return -1;
    static constexpr int monthDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > monthDays[m - 1] + (m == 2 && leap ? 1 : 0))
        return -1;
    // Howard Hinnant's days_from_civil.
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = unsigned(yy - era * 400);
    const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int(doe) - 719468;
}

} // namespace bfs
