#include "carecast/csv_table.hpp"

#include <doctest/doctest.h>

using carecast::parse_number;
using carecast::read_csv_text;

TEST_CASE("CSV cells keep their text and where they were written")
{
  const auto result = read_csv_text("year,line,value\n2022/23,total,\"64,43\"\r\n", "a.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.table.has_value());
  const auto& table = *result.table;
  CHECK(table.column("line") == 1);
  CHECK_FALSE(table.column("measure").has_value());
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0][2].text == "64,43");
  CHECK(table.rows[0][2].pos.line == 2);
  CHECK(table.rows[0][2].pos.column == 15);
}

TEST_CASE("Quoted CSV fields hold doubled quotes and newlines; blank lines are skipped")
{
  const auto result = read_csv_text("a,b\n\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,2\n", "q.csv");
  REQUIRE(result.table.has_value());
  REQUIRE(result.table->rows.size() == 2);
  CHECK(result.table->rows[0][0].text == "say \"hi\"");
  CHECK(result.table->rows[0][1].text == "two\nlines");
  CHECK(result.table->rows[1][0].pos.line == 5); // header 1, quoted record 2-3, blank 4
}

TEST_CASE("Malformed CSV is reported at its line")
{
  SUBCASE("a row with the wrong number of fields")
  {
    const auto result = read_csv_text("a,b\n1,2\n3\n", "short.csv");
    CHECK_FALSE(result.table.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].pos.line == 3);
    CHECK(result.diagnostics[0].message == "row has 1 fields but the header has 2");
  }
  SUBCASE("an unclosed quote")
  {
    const auto result = read_csv_text("a\n\"open\n", "open.csv");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "quoted field is never closed");
  }
  SUBCASE("an empty file")
  {
    const auto result = read_csv_text("", "empty.csv");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].pos.line == 1);
  }
}

TEST_CASE("Numbers in CSV cells: plain decimals only")
{
  CHECK(parse_number(" 64.43 ") == 64.43);
  CHECK(parse_number("+1e3") == 1000.0);
  CHECK_FALSE(parse_number("1,000").has_value());
  CHECK_FALSE(parse_number("").has_value());
  CHECK_FALSE(parse_number("nan").has_value());
  CHECK_FALSE(parse_number("12abc").has_value());
}
