#include "carecast/writers.hpp"

#include <doctest/doctest.h>
#include <string>

using carecast::k_cell_characters;
using carecast::workbook_text;

namespace {

const std::string k_replacement = "\xEF\xBF\xBD";

// The number of characters (code points) in well-formed UTF-8.
std::size_t characters(const std::string& text)
{
  std::size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

} // namespace

TEST_CASE("Text XML can hold, in any script, is written as it is")
{
  const std::string text = "Fostering £4.2m – 50% in-house\tnext\r\nline, 日本, 😀";
  CHECK(workbook_text(text) == text);
  CHECK(workbook_text("") == "");
}

TEST_CASE("Control characters other than tab, newline and carriage return are replaced")
{
  CHECK(workbook_text(std::string("a\x01"
                                  "b\x1F"
                                  "c\x7F",
                                  6))
        == "a" + k_replacement + "b" + k_replacement + "c\x7F");
  CHECK(workbook_text(std::string("a\0b", 3)) == "a" + k_replacement + "b");
}

TEST_CASE("The noncharacters U+FFFE and U+FFFF are replaced, U+FFFD and U+10000 kept")
{
  CHECK(workbook_text("x\xEF\xBF\xBEy") == "x" + k_replacement + "y");
  CHECK(workbook_text("x\xEF\xBF\xBFy") == "x" + k_replacement + "y");
  CHECK(workbook_text("x\xEF\xBF\xBDy") == "x\xEF\xBF\xBDy");
  CHECK(workbook_text("\xF0\x90\x80\x80") == "\xF0\x90\x80\x80");
}

TEST_CASE("Bytes that are not well-formed UTF-8 are each replaced")
{
  // A lone surrogate (U+D800 as CESU-8 would write it), an overlong '/', a stray
  // continuation byte, a sequence cut short at the end, and a code point past U+10FFFF.
  CHECK(workbook_text("a\xED\xA0\x80"
                      "b")
        == "a" + k_replacement + k_replacement + k_replacement + "b");
  CHECK(workbook_text("\xC0\xAF") == k_replacement + k_replacement);
  CHECK(workbook_text("a\x80"
                      "b")
        == "a" + k_replacement + "b");
  CHECK(workbook_text("ab\xE2\x82") == "ab" + k_replacement + k_replacement);
  CHECK(workbook_text("\xF4\x90\x80\x80")
        == k_replacement + k_replacement + k_replacement + k_replacement);
}

TEST_CASE("Text of exactly the cell's limit is kept whole")
{
  const std::string text(k_cell_characters, 'a');
  CHECK(workbook_text(text) == text);
}

TEST_CASE("Longer text is cut to the limit with a marker saying how much was cut")
{
  const std::string text(40000, 'a');
  const std::string cut = workbook_text(text);
  CHECK(cut.size() == k_cell_characters);
  const std::string marker = " [cut: 7256 characters]";
  REQUIRE(cut.size() > marker.size());
  CHECK(cut.substr(cut.size() - marker.size()) == marker);
  // The characters kept and the characters cut add up to the original.
  CHECK(cut.size() - marker.size() + 7256 == text.size());
}

TEST_CASE("Text one character over the limit loses enough to make room for its marker")
{
  const std::string cut = workbook_text(std::string(k_cell_characters + 1, 'a'));
  CHECK(cut.size() == k_cell_characters);
  CHECK(cut.ends_with(" [cut: 22 characters]"));
}

TEST_CASE("Long text of many-byte characters is cut on a character's boundary")
{
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "é€😀"; // 2, 3 and 4 bytes
  }
  const std::string cut = workbook_text(text);
  CHECK(characters(cut) == k_cell_characters);
  // What is kept is a prefix of the text, ending after a whole character, and the
  // marker counts the characters after it.
  const std::string prefix = cut.substr(0, cut.rfind(" [cut: "));
  CHECK(text.starts_with(prefix));
  CHECK(workbook_text(prefix) == prefix);
  CHECK(cut.ends_with(" [cut: " + std::to_string(60000 - characters(prefix)) + " characters]"));
}

TEST_CASE("Characters replaced in long text count as one each towards the limit")
{
  const std::string text = std::string(40000, '\x01');
  const std::string cut = workbook_text(text);
  CHECK(characters(cut) == k_cell_characters);
  CHECK(cut.starts_with(k_replacement));
  CHECK(cut.ends_with(" [cut: 7256 characters]"));
}
