#pragma once

// Text in the encoding Excel's "CSV (Comma delimited)" writes on Windows in Western
// Europe, Windows-1252, turned into the UTF-8 every output of carecast is written in.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace carecast {

// The offset of the first byte of `text` that is not part of a well-formed UTF-8
// character (overlong forms, surrogates and code points past U+10FFFF are not), or
// nullopt when the whole text is UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The UTF-8 of one Windows-1252 byte: '£' for 0xA3, '€' for 0x80. The five bytes the
// code page leaves undefined read as U+FFFD, never as a control character.
std::string windows_1252_character(unsigned char byte);

// `text` read as Windows-1252, as UTF-8.
std::string windows_1252_to_utf8(std::string_view text);

} // namespace carecast
