#pragma once

#include "util/Format.h"

#include <QVariant>

#include <optional>

// What the table models answer for one cell: the text shown (Qt::DisplayRole) or the raw value
// their proxies sort by (SortRole); an empty optional is an empty cell either way.
namespace bfs::app::cell {

inline QVariant raw(std::optional<double> value)
{
    return value ? QVariant(*value) : QVariant();
}

template <typename Integer> QVariant count(Integer value, bool display)
{
    return display ? QVariant(format::count(value)) : QVariant(value);
}

inline QVariant percent(std::optional<double> fraction, bool display)
{
    return display ? QVariant(format::percent(fraction)) : raw(fraction);
}

inline QVariant signedPercent(std::optional<double> fraction, bool display)
{
    return display ? QVariant(format::signedPercent(fraction)) : raw(fraction);
}

} // namespace bfs::app::cell
