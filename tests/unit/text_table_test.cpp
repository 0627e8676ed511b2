#include "carecast/text_table.hpp"

#include "text_lines.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using carecast::display_width;
using carecast::TextTable;
using carecast::test::lines_of;
using Align = carecast::TextTable::Align;

TEST_CASE("display_width counts UTF-8 code points, not bytes")
{
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("£m") == 2);               // '£' is 2 bytes
  CHECK(display_width("€") == 1);                // 3 bytes
  CHECK(display_width("na\xC3\xAFve") == 5);     // "naïve"
  CHECK(display_width("\xF0\x9F\x98\x80") == 1); // a 4-byte emoji
  CHECK(display_width("Amounts in £m") == 13);
}

TEST_CASE("columns are as wide as their widest cell, two spaces apart, under a rule")
{
  TextTable table;
  table.add_column("Name", Align::left);
  table.add_column("Amount", Align::right);
  table.add_row({"a", "1.00"});
  table.add_row({"longer", "123.45"});
  // Name: widest "longer" (6); Amount: widest "Amount"/"123.45" (6); 6 + 2 + 6 = 14.
  CHECK(table.render(carecast::k_default_width)
        == "Name    Amount\n"
           "--------------\n"
           "a         1.00\n"
           "longer  123.45\n");
}

TEST_CASE("left columns pad on the right, right columns on the left, with no trailing spaces")
{
  TextTable table;
  table.add_column("Amount", Align::right);
  table.add_column("Name", Align::left);
  table.add_row({"1.5", "x"});
  table.add_row({"10.25", "a longer name"});
  // Amount: 6 wide, right-aligned; Name: 13 wide, left-aligned, trailing spaces trimmed.
  CHECK(table.render(carecast::k_default_width)
        == "Amount  Name\n"
           "---------------------\n"
           "   1.5  x\n"
           " 10.25  a longer name\n");
}

TEST_CASE("a rule is a line of dashes the width of the table")
{
  TextTable table;
  table.add_column("Year", Align::left);
  table.add_column("Cost", Align::right);
  table.add_row({"2021/22", "64.43"});
  table.add_rule();
  table.add_row({"Total", "64.43"});
  // 7 + 2 + 5 = 14 wide.
  CHECK(table.render(carecast::k_default_width)
        == "Year      Cost\n"
           "--------------\n"
           "2021/22  64.43\n"
           "--------------\n"
           "Total    64.43\n");
}

TEST_CASE("a table with no rows is its header and rule")
{
  TextTable table;
  table.add_column("One", Align::left);
  table.add_column("Two", Align::right);
  CHECK(table.render(carecast::k_default_width) == "One  Two\n--------\n");
}

TEST_CASE("a short row leaves its missing cells blank")
{
  TextTable table;
  table.add_column("A", Align::left);
  table.add_column("B", Align::right);
  table.add_column("C", Align::right);
  table.add_row({"x"});
  table.add_row({"y", "22", "333"});
  CHECK(table.render(carecast::k_default_width)
        == "A   B    C\n"
           "----------\n"
           "x\n"
           "y  22  333\n");
}

TEST_CASE("widths and padding count characters, so '£m' columns line up")
{
  TextTable table;
  table.add_column("Line", Align::left);
  table.add_column("£m", Align::right);
  table.add_column("Note", Align::left);
  table.add_row({"placements", "32.13", "café"});
  table.add_row({"a", "£1", "x"});
  // Line 10 wide, £m 5 wide (the header is 2 characters, not 3 bytes), Note 4 wide.
  const std::vector<std::string> lines = lines_of(table.render(carecast::k_default_width));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "Line           £m  Note");
  CHECK(lines[1] == std::string(10 + 2 + 5 + 2 + 4, '-'));
  CHECK(lines[2] == "placements  32.13  café");
  CHECK(lines[3] == "a              £1  x");
  // Every full line shows as the same width as the rule.
  CHECK(display_width(lines[0]) == 23);
  CHECK(display_width(lines[2]) == 23);
}

TEST_CASE("a prose column too wide for the width is wrapped at spaces, its row's other cells on "
          "its first line")
{
  TextTable table;
  table.add_column("Key", Align::left);
  table.add_column("Note", Align::left, TextTable::Fit::wrap);
  table.add_row({"a", "one two three four"});
  // 20 columns: "Key" takes 3, the gap 2, so the note gets 15: "one two three" (13), "four";
  // the rule spans the 20.
  CHECK(table.render(20)
        == "Key  Note\n"
           "--------------------\n"
           "a    one two three\n"
           "     four\n");
  CHECK(table.width() == 23); // 3 + 2 + 18, as when nothing need fit
}

TEST_CASE("a word longer than its column breaks after a dot, so a key's parts stay whole")
{
  TextTable table;
  table.add_column("Parameter", Align::left, TextTable::Fit::wrap);
  table.add_column("Value", Align::right);
  table.add_row({"indices.demand.default", "3.3%"});
  // 19 columns: 5 for the value and 2 for the gap leave 12 for the key: "indices." ends
  // at 8, "demand." would end at 15; then "demand." and "default".
  CHECK(table.render(19)
        == "Parameter     Value\n"
           "-------------------\n"
           "indices.       3.3%\n"
           "demand.\n"
           "default\n");
}

TEST_CASE("a name column is cut short with an ellipsis when wrapping is not enough")
{
  TextTable table;
  table.add_column("Option", Align::left, TextTable::Fit::shorten);
  table.add_column("Cost", Align::right);
  table.add_row({"contract_management", "68.49"});
  // 20 columns: 5 for the cost and 2 for the gap leave 13: 12 characters and "…".
  CHECK(table.render(20)
        == "Option          Cost\n"
           "--------------------\n"
           "contract_man…  68.49\n");
}

TEST_CASE("a table wider than the width is printed in blocks of columns, each repeating the "
          "first")
{
  TextTable table;
  table.add_column("Line", Align::left);
  for (const char* year : {"2021/22", "2022/23", "2023/24"}) {
    table.add_column(year, Align::right);
  }
  table.add_row({"staff", "1.00", "2.00", "3.00"});
  table.add_rule();
  table.add_row({"Total", "1.00", "2.00", "3.00"});
  // Line 5, each year 7, gaps 2: all four take 5 + 3 x 9 = 32; 25 holds the line and two
  // years (5 + 9 + 9 = 23), and the third year goes in a block of its own.
  CHECK(table.render(25)
        == "Line   2021/22  2022/23\n"
           "-----------------------\n"
           "staff     1.00     2.00\n"
           "-----------------------\n"
           "Total     1.00     2.00\n"
           "\n"
           "Line   2023/24\n"
           "--------------\n"
           "staff     3.00\n"
           "--------------\n"
           "Total     3.00\n");
}

TEST_CASE("wrapped text keeps within the width, indents its lines and breaks a long word")
{
  using carecast::wrapped;
  CHECK(wrapped("one two three", 2, 4, 10) == "  one two\n    three\n");
  CHECK(wrapped("abcdefghijkl", 0, 0, 5) == "abcde\nfghij\nkl\n");
  CHECK(wrapped("", 2, 2, 10) == "  \n");
  CHECK(carecast::shortened("£1234567", 5) == "£123…");
  CHECK(carecast::shortened("short", 5) == "short");
}
