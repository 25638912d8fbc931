#include "NameNormalizer.h"

#include <QStringList>

namespace bfs {

namespace {
bool isSuffix(const QString& letters)
{
    return letters == u"jr" || letters == u"sr" || letters == u"ii" || letters == u"iii" || letters == u"iv";
}
} // namespace

QString normalizePlayerName(const QString& name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString stripped;
    stripped.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const auto category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue;
        stripped.append(c.toLower());
    }
    // Tokens split at white space (what the regular expression \s+ matches, without
    // a regular expression: this runs once per name a load has not seen yet).
    QString result;
    result.reserve(stripped.size());
    QString letters;
    auto endToken = [&] {
        if (!isSuffix(letters))
            result.append(letters);
        letters.clear();
    };
    for (const QChar c : stripped) {
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r')
            endToken();
        else if (c >= u'a' && c <= u'z')
            letters.append(c);
    }
    endToken();
    return result;
}

} // namespace bfs
