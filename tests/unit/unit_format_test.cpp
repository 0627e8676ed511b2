// Figures in their unit, each written out by hand from the rule in unit_format.hpp.

#include "carecast/unit_format.hpp"

#include <doctest/doctest.h>

using carecast::unit_number_format;
using carecast::unit_text;

TEST_CASE("rates, shares and fractions read as percentages to 1 decimal")
{
  CHECK(unit_text(0.0236948, "rate/yr") == "2.4%");
  CHECK(unit_text(0.0469601, "rate/yr") == "4.7%");
  CHECK(unit_text(0.125, "share") == "12.5%");
  CHECK(unit_text(1.0, "fraction") == "100.0%");
  CHECK(unit_text(-0.02, "rate/yr") == "-2.0%");
  CHECK(unit_text(-0.0001, "rate/yr") == "0.0%"); // no minus on what rounds to 0
}

TEST_CASE("money a week reads in whole pounds a week, thousands separated")
{
  CHECK(unit_text(4459.08308103, "£/week") == "£4,459/week");
  CHECK(unit_text(787.2, "£/week") == "£787/week");
  CHECK(unit_text(1234567.0, "£/week") == "£1,234,567/week");
}

TEST_CASE("children read as whole numbers")
{
  CHECK(unit_text(170.791, "children/yr") == "171");
  CHECK(unit_text(62.1, "children") == "62");
  CHECK(unit_text(1200.0, "children") == "1,200");
}

TEST_CASE("amounts read in the scenario's unit to 2 decimals")
{
  CHECK(unit_text(63.7892242, "£m") == "£63.79m");
  CHECK(unit_text(22.14, "£m/yr") == "£22.14m");
  CHECK(unit_text(-0.77, "£m/yr") == "-£0.77m");
  CHECK(unit_text(-0.001, "£m") == "£0.00m");
  CHECK(unit_text(1234.5, "£k") == "£1,234.50k");
  CHECK(unit_text(100.0, "£/yr") == "£100.00");
  CHECK(unit_text(12.5, "€m") == "12.50 €m"); // a unit not in pounds follows the figure
}

TEST_CASE("the same rules as spreadsheet number formats")
{
  CHECK(unit_number_format("rate/yr") == "0.0%");
  CHECK(unit_number_format("share") == "0.0%");
  CHECK(unit_number_format("£/week") == "\"£\"#,##0\"/week\"");
  CHECK(unit_number_format("children") == "#,##0");
  CHECK(unit_number_format("£m/yr") == "\"£\"#,##0.00\"m\"");
  CHECK(unit_number_format("£") == "\"£\"#,##0.00");
  CHECK(unit_number_format("€m") == "#,##0.00\" €m\"");
}
