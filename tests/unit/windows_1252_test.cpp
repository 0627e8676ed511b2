#include "carecast/windows_1252.hpp"

#include <doctest/doctest.h>

using namespace carecast;

TEST_CASE("UTF-8 is told from other bytes, overlong forms and surrogates included")
{
  CHECK_FALSE(first_invalid_utf8("plain £ € 😀").has_value());
  CHECK(first_invalid_utf8("ab\xA3") == 2);
  CHECK(first_invalid_utf8("\xC0\xAF") == 0);         // an overlong '/'
  CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1);    // a surrogate
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0); // past U+10FFFF
  CHECK(first_invalid_utf8("\xE2\x82") == 0);         // cut short
}

TEST_CASE("Windows-1252 bytes become their characters, undefined ones the replacement character")
{
  CHECK(windows_1252_to_utf8("\xA3" "5 \x80 \x93q\x94 caf\xE9") == "£5 € “q” café");
  CHECK(windows_1252_character(0x81) == "\xEF\xBF\xBD");
  CHECK(windows_1252_character(0x9D) == "\xEF\xBF\xBD");
  CHECK(first_invalid_utf8(windows_1252_to_utf8(std::string(1, '\xFF'))) == std::nullopt);
}
