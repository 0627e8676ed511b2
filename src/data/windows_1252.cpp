#include "carecast/windows_1252.hpp"

#include <array>
#include <cstdint>

namespace carecast {
namespace {

// The code points of the bytes 0x80 to 0x9F, where Windows-1252 differs from Latin-1;
// U+FFFD where it defines no character.
constexpr std::array<char32_t, 32> k_high_controls{
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string utf8_of(char32_t code)
{
  const auto byte = [](char32_t bits) { return static_cast<char>(bits); };
  if (code < 0x80) {
    return std::string(1, byte(code));
  }
  if (code < 0x800) {
    return {byte(0xC0 | (code >> 6)), byte(0x80 | (code & 0x3F))};
  }
  return {byte(0xE0 | (code >> 12)), byte(0x80 | ((code >> 6) & 0x3F)), byte(0x80 | (code & 0x3F))};
}

// The length of the well-formed UTF-8 character at the start of `text`, or 0.
std::size_t character_length(std::string_view text)
{
  const auto at = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = at(0);
  std::size_t length = 0;
  std::uint8_t low = 0x80;
  std::uint8_t high = 0xBF; // the range of the second byte, narrowed to refuse overlong forms
  if (lead < 0x80) {
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF; // not a surrogate
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF; // not past U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length || at(1) < low || at(1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if ((at(i) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

} // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t length = character_length(text.substr(at));
    if (length == 0) {
      return at;
    }
    at += length;
  }
  return std::nullopt;
}

std::string windows_1252_character(unsigned char byte)
{
  if (byte >= 0x80 && byte < 0xA0) {
    return utf8_of(k_high_controls[byte - 0x80]);
  }
  return utf8_of(byte);
}

std::string windows_1252_to_utf8(std::string_view text)
{
  std::string result;
  result.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    result += windows_1252_character(static_cast<unsigned char>(c));
  }
  return result;
}

} // namespace carecast
