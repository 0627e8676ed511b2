#include "carecast/calendar.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace carecast;

namespace {

Month month_of(int year, int month_of_year)
{
  return Month{year * 12 + month_of_year - 1};
}

} // namespace

TEST_CASE("a month written YYYY-MM is parsed to its year and month")
{
  const auto month = parse_month("2022-10");
  REQUIRE(month);
  CHECK(month->year() == 2022);
  CHECK(month->month_of_year() == 10);
  CHECK(month->number == 2022 * 12 + 9); // number = year * 12 + month - 1
}

TEST_CASE("January and December are the first and last months of their year")
{
  const auto january = parse_month("2022-01");
  const auto december = parse_month("2022-12");
  REQUIRE(january);
  REQUIRE(december);
  CHECK(january->month_of_year() == 1);
  CHECK(december->month_of_year() == 12);
  CHECK(december->year() == 2022);
  // The month after December 2022 is January 2023.
  CHECK(Month{december->number + 1} == *parse_month("2023-01"));
}

TEST_CASE("malformed months are rejected")
{
  for (const char* text : {"2022-13", "2022-00", "22-10", "2022-1", "2022-100", "2022/10",
                           "2022-1a", "202a-10", " 2022-10", "2022-10 ", "-022-10", ""}) {
    INFO("month text: '", text, "'");
    CHECK_FALSE(parse_month(text));
  }
}

TEST_CASE("a financial year written YYYY/YY is named by the year its April falls in")
{
  const auto year = parse_financial_year("2022/23");
  REQUIRE(year);
  CHECK(year->start_year == 2022);
  // The century turns inside the year: 1999/00 runs April 1999 to March 2000.
  const auto turn = parse_financial_year("1999/00");
  REQUIRE(turn);
  CHECK(turn->start_year == 1999);
}

TEST_CASE("malformed financial years are rejected")
{
  for (const char* text : {"2022/24", "2022/22", "2022/2023", "2022-23", "22/23", "2022/3",
                           "2022/2a", " 2022/23", "1999/99", ""}) {
    INFO("financial year text: '", text, "'");
    CHECK_FALSE(parse_financial_year(text));
  }
}

TEST_CASE("to_string writes months and financial years back as they were parsed")
{
  for (const char* text : {"2022-10", "2022-01", "2021-12", "1999-03", "0005-07"}) {
    const auto month = parse_month(text);
    REQUIRE(month);
    CHECK(to_string(*month) == text);
  }
  for (const char* text : {"2022/23", "2009/10", "1999/00", "0005/06"}) {
    const auto year = parse_financial_year(text);
    REQUIRE(year);
    CHECK(to_string(*year) == text);
  }
}

TEST_CASE("a financial year begins in April")
{
  CHECK(FinancialYear{2022}.first_month() == month_of(2022, 4));
  CHECK(to_string(FinancialYear{2022}.first_month()) == "2022-04");
}

TEST_CASE("March belongs to the previous financial year and April to the new one")
{
  CHECK(financial_year_of(month_of(2023, 3)) == FinancialYear{2022});
  CHECK(financial_year_of(month_of(2023, 4)) == FinancialYear{2023});
  // January to March fall in the year that began the April before; December does not.
  CHECK(financial_year_of(month_of(2023, 1)) == FinancialYear{2022});
  CHECK(financial_year_of(month_of(2022, 12)) == FinancialYear{2022});
}

TEST_CASE("a grid runs from April of its first year to March of its last")
{
  const Grid grid(FinancialYear{2021}, FinancialYear{2023});
  CHECK(grid.years() == 3);   // 2021/22, 2022/23, 2023/24
  CHECK(grid.months() == 36); // 3 years x 12
  CHECK(grid.month(0) == month_of(2021, 4));
  CHECK(grid.month(35) == month_of(2024, 3));
  CHECK(grid.year(0) == FinancialYear{2021});
  CHECK(grid.year(2) == FinancialYear{2023});
}

TEST_CASE("a grid of a single financial year has twelve months")
{
  const Grid grid(FinancialYear{2022}, FinancialYear{2022});
  CHECK(grid.years() == 1);
  CHECK(grid.months() == 12);
  CHECK(grid.month(11) == month_of(2023, 3));
}

TEST_CASE("a grid gives the index of a month on it and nullopt for a month off it")
{
  const Grid grid(FinancialYear{2021}, FinancialYear{2023});
  CHECK(grid.month_index(month_of(2021, 4)) == 0);
  CHECK(grid.month_index(month_of(2022, 4)) == 12);
  CHECK(grid.month_index(month_of(2024, 3)) == 35);
  CHECK_FALSE(grid.month_index(month_of(2021, 3))); // the month before the grid
  CHECK_FALSE(grid.month_index(month_of(2024, 4))); // the month after it
}

TEST_CASE("a grid gives the index of a year on it and nullopt for a year off it")
{
  const Grid grid(FinancialYear{2021}, FinancialYear{2023});
  CHECK(grid.year_index(FinancialYear{2021}) == 0);
  CHECK(grid.year_index(FinancialYear{2023}) == 2);
  CHECK_FALSE(grid.year_index(FinancialYear{2020}));
  CHECK_FALSE(grid.year_index(FinancialYear{2024}));
}

TEST_CASE("a month's index on the grid maps to the index of its financial year")
{
  const Grid grid(FinancialYear{2021}, FinancialYear{2023});
  CHECK(grid.year_index_of_month(0) == 0);  // April 2021
  CHECK(grid.year_index_of_month(11) == 0); // March 2022
  CHECK(grid.year_index_of_month(12) == 1); // April 2022
  CHECK(grid.year_index_of_month(35) == 2); // March 2024
  // Invariant: a month's year index is the grid index of financial_year_of(month).
  for (int index = 0; index < grid.months(); ++index) {
    CHECK(grid.year_index_of_month(index) == grid.year_index(financial_year_of(grid.month(index))));
  }
}
