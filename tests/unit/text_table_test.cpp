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
  CHECK(table.render()
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
  CHECK(table.render()
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
  CHECK(table.render()
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
  CHECK(table.render() == "One  Two\n--------\n");
}

TEST_CASE("a short row leaves its missing cells blank")
{
  TextTable table;
  table.add_column("A", Align::left);
  table.add_column("B", Align::right);
  table.add_column("C", Align::right);
  table.add_row({"x"});
  table.add_row({"y", "22", "333"});
  CHECK(table.render()
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
  const std::vector<std::string> lines = lines_of(table.render());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "Line           £m  Note");
  CHECK(lines[1] == std::string(10 + 2 + 5 + 2 + 4, '-'));
  CHECK(lines[2] == "placements  32.13  café");
  CHECK(lines[3] == "a              £1  x");
  // Every full line shows as the same width as the rule.
  CHECK(display_width(lines[0]) == 23);
  CHECK(display_width(lines[2]) == 23);
}
