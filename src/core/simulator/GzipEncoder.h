#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace bfs::sim {

// Gzip members (RFC 1952) for the simulator's `Content-Encoding: gzip` answers. Qt only
// offers qCompress, a zlib stream (RFC 1950) behind a length prefix: its deflate data is
// re-wrapped with a gzip header and a CRC-32 + size trailer, so no zlib dependency is
// added to the build for a test double.
class GzipEncoder {
public:
    static QByteArray compress(const QByteArray& data);
    static quint32 crc32(const QByteArray& data); // IEEE 802.3, as gzip's trailer wants it

    // Whether an Accept-Encoding header value admits gzip (a "gzip;q=0" refuses it).
    static bool accepts(const QByteArray& acceptEncoding);
};

} // namespace bfs::sim
