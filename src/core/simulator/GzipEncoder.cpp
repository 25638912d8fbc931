#include "GzipEncoder.h"

#include <QList>

#include <array>

namespace bfs::sim {

namespace {

std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table {};
    for (quint32 n = 0; n < 256; ++n) {
        quint32 c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

void appendLittleEndian(QByteArray& out, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

} // namespace

quint32 GzipEncoder::crc32(const QByteArray& data)
{
    static const std::array<quint32, 256> table = makeCrcTable();
    quint32 c = 0xFFFFFFFFU;
    for (const char byte : data)
        c = table[(c ^ quint8(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFU;
}

QByteArray GzipEncoder::compress(const QByteArray& data)
{
    // qCompress: 4-byte big-endian length, then zlib: 2-byte header (never a preset
    // dictionary), raw deflate, 4-byte Adler-32. Keep only the raw deflate.
    const QByteArray zlib = qCompress(data, 6);
    constexpr qsizetype Prefix = 4 + 2, Adler = 4;
    const QByteArray deflate = zlib.mid(Prefix, zlib.size() - Prefix - Adler);
    // ID1 ID2, CM = deflate, no flags, MTIME 0 (answers stay byte-identical), XFL 0, OS 255 (unknown).
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out.append(deflate);
    appendLittleEndian(out, crc32(data));
    appendLittleEndian(out, quint32(quint64(data.size()) & 0xFFFFFFFFU));
    return out;
}

bool GzipEncoder::accepts(const QByteArray& acceptEncoding)
{
    bool star = false; // "*" admits gzip unless gzip itself is named
    for (const QByteArray& item : acceptEncoding.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray coding = parts.first().trimmed().toLower();
        double q = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts[i].trimmed().toLower();
            if (param.startsWith("q="))
                q = param.mid(2).toDouble();
        }
        if (coding == "gzip" || coding == "x-gzip")
            return q > 0;
        if (coding == "*")
            star = q > 0;
    }
    return star;
}

} // namespace bfs::sim
