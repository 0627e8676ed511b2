#include "carecast/writers.hpp"

#include <cstddef>
#include <fmt/format.h>
#include <string_view>
#include <utility>
#include <vector>

namespace carecast {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

// The length of the UTF-8 sequence at `at` and its code point, or a length of 0 when
// the bytes there are not one well-formed sequence (an overlong form, a surrogate, a
// stray or missing continuation byte, or a code point beyond U+10FFFF).
std::pair<std::size_t, char32_t> decoded(std::string_view text, std::size_t at)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const std::size_t length = lead < 0x80                   ? 1
                             : lead >= 0xC2 && lead < 0xE0 ? 2
                             : lead >= 0xE0 && lead < 0xF0 ? 3
                             : lead >= 0xF0 && lead < 0xF5 ? 4
                                                           : 0;
  if (length == 0 || at + length > text.size()) {
    return {0, 0};
  }
  char32_t point = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) {
      return {0, 0};
    }
    point = (point << 6) | (byte(at + i) & 0x3F);
  }
  constexpr char32_t k_least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < k_least[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
    return {0, 0};
  }
  return {length, point};
}

// Whether XML 1.0 can hold a code point (its Char production).
bool xml_holds(char32_t point)
{
  return point == 0x9 || point == 0xA || point == 0xD || (point >= 0x20 && point <= 0xD7FF)
         || (point >= 0xE000 && point <= 0xFFFD) || point >= 0x10000;
}

// The text with every character XML cannot hold, and every byte that is not part of
// well-formed UTF-8, replaced by U+FFFD; and the offset of each character's start.
std::string held(std::string_view text, std::vector<std::size_t>& starts)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto [length, point] = decoded(text, at);
    starts.push_back(out.size());
    if (length != 0 && xml_holds(point)) {
      out.append(text.substr(at, length));
    } else {
      out.append(k_replacement);
    }
    at += length == 0 ? 1 : length;
  }
  return out;
}

} // namespace

std::string workbook_text(std::string_view text)
{
  std::vector<std::size_t> starts;
  std::string out = held(text, starts);
  if (starts.size() <= k_cell_characters) {
    return out;
  }
  // Keep as many characters as leave room for the marker, whose own length depends
  // on how many are cut.
  std::size_t kept = k_cell_characters;
  std::string marker;
  for (;;) {
    marker = fmt::format(" [cut: {} characters]", starts.size() - kept);
    if (kept + marker.size() <= k_cell_characters) {
      break;
    }
    kept = k_cell_characters - marker.size();
  }
  out.resize(starts[kept]);
  return out + marker;
}

} // namespace carecast
