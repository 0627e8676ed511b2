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

TEST_CASE("A byte-order mark before a quoted header, as PowerShell's Export-Csv writes it")
{
  const auto result =
    read_csv_text("\xEF\xBB\xBF\"year\",\"line\",\"value\"\r\n\"2021/22\",\"total\",\"64.43\"\r\n",
                  "ps.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.table.has_value());
  CHECK(result.table->column("year") == 0);
  CHECK(result.table->header[0].pos.column == 1);
  CHECK(result.table->rows[0][2].text == "64.43");
  CHECK(result.warnings.empty());
}

TEST_CASE("CRLF and CR-only line ends, and empty rows after the last, read as LF would")
{
  for (const std::string text : {"a,b\r\n1,2\r\n3,4\r\n,\r\n\r\n", "a,b\r1,2\r3,4\r,\r\r",
                                 "a,b\n1,2\n3,4\n,\n , \n\n"}) {
    const auto result = read_csv_text(text, "ends.csv");
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.table.has_value());
    REQUIRE(result.table->rows.size() == 2);
    CHECK(result.table->rows[1][1].text == "4");
    CHECK(result.table->rows[1][1].pos.line == 3);
    CHECK(result.table->rows[1][1].pos.column == 3);
  }
}

TEST_CASE("A file separated by semicolons is told so at its header")
{
  const auto result = read_csv_text("year;line;value\n2021/22;total;64,43\n", "semi.csv");
  CHECK_FALSE(result.table.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].pos.line == 1);
  CHECK(result.diagnostics[0].message
        == "the header has one column 'year;line;value': the file looks separated by "
           "semicolons; carecast reads comma-separated files (save as 'CSV UTF-8 (Comma "
           "delimited)')");
}

TEST_CASE("A file that is not UTF-8 is read as Windows-1252, with a warning at its first such byte")
{
  const auto result = read_csv_text("year,line,note\n2021/22,total,\"\xA3 5m\x96 est.\"\n", "ex.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.table.has_value());
  CHECK(result.table->rows[0][2].text == "£ 5m– est.");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].pos == carecast::SourcePos{"ex.csv", 2, 16});
  CHECK(result.warnings[0].message == "not UTF-8: read as Windows-1252 (byte 0xA3 read as '£')");
  // The quoted line is the converted text; the digest is of the bytes read.
  CHECK(result.sources.line("ex.csv", 2) == "2021/22,total,\"£ 5m– est.\"");
  CHECK(result.sources.texts().at("ex.csv").find('\xA3') != std::string::npos);
}

TEST_CASE("Control characters in a CSV file are shown as '?' in its problems")
{
  const auto result = read_csv_text("year,li\x1B[2Jne\x07\n1,2\n", "ctl.csv");
  REQUIRE(result.table.has_value());
  std::vector<carecast::Diagnostic> problems;
  carecast::check_header(*result.table, {"year", "line"}, "a test file", problems);
  REQUIRE(problems.size() == 1);
  const std::string shown = carecast::render(problems[0], result.sources);
  CHECK(shown.find('\x1B') == std::string::npos);
  CHECK(shown.find('\x07') == std::string::npos);
  CHECK(shown.find("unknown column 'li?[2Jne?'") != std::string::npos);
}

TEST_CASE("Quoted headers separated by semicolons are told so too, at the header's line")
{
  const auto result = read_csv_text("\n\"year\";\"line\"\n\"2021/22\";\"total\"\n", "ps.csv");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].pos.line == 2);
  CHECK(result.diagnostics[0].message.starts_with(
    "the header has one column '\"year\";\"line\"': the file looks separated by semicolons"));
}
