// Reading a ledger's actuals by period: the two ways of naming a period, and each
// mistake located at its cell.

#include "carecast/ledger.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace carecast;

namespace {

// Each diagnostic as "LINE:COL: message".
std::vector<std::string> problems(const std::string& csv)
{
  std::vector<std::string> found;
  for (const Diagnostic& diagnostic : read_ledger_text(csv, "ledger.csv").diagnostics) {
    found.push_back(std::to_string(diagnostic.pos.line) + ":"
                    + std::to_string(diagnostic.pos.column) + ": " + diagnostic.message);
  }
  return found;
}

} // namespace

TEST_CASE("a ledger row gives its year and period, code, amount and description")
{
  const LedgerResult result =
    read_ledger_text("year,period,code,amount,description\n"
                     "2021/22,9, CSC100 ,1234.5,Fostering allowances\n"
                     "2021/22,9,CSC200,-20,Refund\n",
                     "ledger.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.entries.size() == 2);
  const LedgerEntry& first = result.entries[0];
  CHECK(first.year == FinancialYear{2021});
  CHECK(first.period == 9);
  CHECK(first.code == "CSC100");
  CHECK(first.amount == 1234.5);
  CHECK(first.description == "Fostering allowances");
  CHECK(first.pos.line == 2);
  CHECK(result.entries[1].amount == -20.0); // a credit
}

TEST_CASE("a month names its financial year and period: April is 1, December 9, March 12")
{
  const LedgerResult result = read_ledger_text(
    "month,code,amount\n2021-04,A,1\n2021-12,A,2\n2022-03,A,3\n2022-04,A,4\n", "ledger.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.entries.size() == 4);
  CHECK(result.entries[0].year == FinancialYear{2021});
  CHECK(result.entries[0].period == 1);
  CHECK(result.entries[1].period == 9);
  CHECK(result.entries[2].year == FinancialYear{2021});
  CHECK(result.entries[2].period == 12);
  CHECK(result.entries[3].year == FinancialYear{2022}); // the next year's first period
  CHECK(result.entries[3].period == 1);
}

TEST_CASE("each bad cell is located, and its row left out")
{
  const std::string csv = "year,period,code,amount\n"
                          "2021/22,13,A,1\n"
                          "2021-22,1,A,1\n"
                          "2021/22,2.5,A,1\n"
                          "2021/22,3,,1\n"
                          "2021/22,4,A,1 000\n";
  CHECK(problems(csv)
        == std::vector<std::string>{
          "2:9: period '13' is not a whole number from 1 (April) to 12 (March)",
          "3:1: '2021-22' is not a financial year; write it like 2021/22 (April 2021 to March "
          "2022)",
          "4:9: period '2.5' is not a whole number from 1 (April) to 12 (March)",
          "5:11: the cost code is empty",
          "6:13: amount '1 000' is not a number (write it with '.' as the decimal point, "
          "without a unit or thousands separator)"});
}

TEST_CASE("the header needs code and amount, and one way of naming the period")
{
  CHECK(problems("year,period,code,amont\n2021/22,1,A,1\n")
        == std::vector<std::string>{
          "1:18: unknown column 'amont' (a ledger file has the columns year, period, month, "
          "code, amount, description, committed, placement and children); did you mean "
          "'amount'?",
          "1:1: the header has no 'amount' column; a ledger file needs the columns code and "
          "amount, and year and period or month"});
  CHECK(problems("month,year,period,code,amount\n2021-04,2021/22,1,A,1\n")
        == std::vector<std::string>{"1:1: give each row's period either as year and period "
                                    "(2021/22 and 9 for December 2021) or as month (2021-12), "
                                    "not both"});
  CHECK(problems("year,code,amount\n2021/22,A,1\n")
        == std::vector<std::string>{"1:1: give each row's period either as year and period "
                                    "(2021/22 and 9 for December 2021) or as month (2021-12), "
                                    "not both"});
}

TEST_CASE("one code twice in one period is a duplicate, but not in two periods")
{
  CHECK(problems("month,code,amount\n2021-04,A,1\n2021-05,A,2\n2021-04,A,3\n")
        == std::vector<std::string>{
          "4:1: duplicate row: code A in period 1 of 2021/22 is already given on line 2"});
}

TEST_CASE("a ledger saved by Excel on Windows (CRLF, Windows-1252, empty rows after) is read")
{
  const LedgerResult result = read_ledger_text("year,period,code,amount,description\r\n"
                                               "2021/22,9,CSC100,1234.5,Caf\xE9 vouchers\r\n"
                                               ",,,,\r\n,,,,\r\n",
                                               "ledger.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.entries.size() == 1);
  CHECK(result.entries[0].description == "Café vouchers");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].pos.line == 2);
  CHECK(result.warnings[0].pos.column == 28);
}
