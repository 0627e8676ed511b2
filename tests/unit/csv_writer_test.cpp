#include "carecast/writers.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <locale>
#include <sstream>
#include <string>

using carecast::full_precision;
using carecast::Report;
using carecast::write_csv;

namespace {

Report one_row(const std::string& option, double value)
{
  Report report;
  report.scenario = "dcst_2022";
  report.rows.push_back({option, "2021/22", "total", "cost", value});
  return report;
}

// A decimal comma and a thousands separator, as some locales have.
struct CommaDecimal : std::numpunct<char>
{
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

} // namespace

TEST_CASE("CSV starts with exactly the tidy header")
{
  CHECK(carecast::k_csv_header == "scenario,option,year,line,measure,value");
  // A report with no rows is the header alone.
  CHECK(write_csv(Report{}) == "scenario,option,year,line,measure,value\n");
}

TEST_CASE("each CSV row is scenario, option, year, line, measure and value")
{
  const std::string csv = write_csv(one_row("do_nothing", 64.43));
  CHECK(csv
        == "scenario,option,year,line,measure,value\n"
           "dcst_2022,do_nothing,2021/22,total,cost,64.43\n");
}

TEST_CASE("full_precision writes 12 significant digits with a decimal point and no noise")
{
  // writers.hpp and the README state 12 significant digits (see the report: the brief
  // asked for 15, which would print 64.43 - 58.17 as 6.26000000000001).
  CHECK(full_precision(1.0 / 3.0) == "0.333333333333");
  CHECK(full_precision(2.0 / 3.0) == "0.666666666667");
  CHECK(full_precision(65.15) == "65.15");
  CHECK(full_precision(64.43 - 58.17) == "6.26"); // 6.2600000000000051 in binary
  CHECK(full_precision(0.1 + 0.2) == "0.3");
  CHECK(full_precision(-0.7) == "-0.7");
  CHECK(full_precision(24.6) == "24.6");
  CHECK(full_precision(1234567.0) == "1234567"); // no thousands separator
  CHECK(full_precision(123456789.123) == "123456789.123");
  // Unrounded: an amount far below a penny (in £m) keeps its digits.
  CHECK(full_precision(1.0 / 3.0 * 1e-6) == "3.33333333333e-07");
}

TEST_CASE("full_precision writes zero and negative zero as 0")
{
  CHECK(full_precision(0.0) == "0");
  CHECK(full_precision(-0.0) == "0");
}

TEST_CASE("full_precision ignores the global locale's decimal comma")
{
  const std::locale previous =
    std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
  const std::string third = full_precision(1.0 / 3.0);
  const std::string large = full_precision(1234567.5);
  const std::string csv = write_csv(one_row("a", 2.5));
  std::locale::global(previous);
  CHECK(third == "0.333333333333");
  CHECK(large == "1234567.5");
  CHECK(csv.find("cost,2.5\n") != std::string::npos);
}

TEST_CASE("CSV quotes fields with commas, quotes or line breaks and doubles their quotes")
{
  Report report;
  report.scenario = "my,scenario";
  report.rows.push_back({"say \"hi\"", "2021/22", "line\nbreak", "cost", 1.5});
  report.rows.push_back({"plain", "2021/22", "cr\rhere", "cost", 2.0});
  const std::string csv = write_csv(report);
  CHECK(csv
        == "scenario,option,year,line,measure,value\n"
           "\"my,scenario\",\"say \"\"hi\"\"\",2021/22,\"line\nbreak\",cost,1.5\n"
           "\"my,scenario\",plain,2021/22,\"cr\rhere\",cost,2\n");
}

TEST_CASE("CSV values keep full precision, not the 2 decimals of the terminal")
{
  const std::string csv = write_csv(one_row("a", 1.0 / 3.0));
  CHECK(csv.find(",cost,0.333333333333\n") != std::string::npos);
}

TEST_CASE("the DCST run report as CSV: a header, then one line per report row")
{
  const carecast::Model model = carecast::test::dcst_model();
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  const Report report = carecast::run_report(model, outcome, "dcst_2022", {});
  const std::string csv = write_csv(report);
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "scenario,option,year,line,measure,value");
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    CHECK(line.rfind("dcst_2022,", 0) == 0);
    // Six fields: no DCST id or year needs quoting.
    CHECK(std::count(line.begin(), line.end(), ',') == 5);
  }
  CHECK(count == report.rows.size());
  // Cabinet report para 44, unrounded: 2021/22 cost 64.43, budget 58.17, overspend 6.26.
  CHECK(csv.find("dcst_2022,do_nothing,2021/22,total,cost,64.43\n") != std::string::npos);
  CHECK(csv.find("dcst_2022,do_nothing,2021/22,total,budget,58.17\n") != std::string::npos);
  CHECK(csv.find("dcst_2022,do_nothing,2021/22,total,variance,6.26\n") != std::string::npos);
  CHECK(csv.find("dcst_2022,transfer,2022/23,total,budget,65.15\n") != std::string::npos);
}

TEST_CASE("a diff as CSV: each parameter's before and after rows, then the cost changes")
{
  carecast::ScenarioDiff diff;
  diff.cost.scenario = "base..variant";
  diff.parameters = {{"lines.x.base", "£m/yr", 1.5, 2.0},
                     {"lines.y.base", "£m/yr", std::nullopt, 0.25},
                     {"indices.p.rates.2022/23", "rate/yr", 0.03, std::nullopt}};
  diff.cost.rows.push_back({"o", "2021/22", "total", "cost_change", 0.5});
  CHECK(write_csv(diff)
        == "scenario,option,year,line,measure,value\n"
           "base..variant,,,lines.x.base,before,1.5\n"
           "base..variant,,,lines.x.base,after,2\n"
           "base..variant,,,lines.y.base,after,0.25\n"
           "base..variant,,,indices.p.rates.2022/23,before,0.03\n"
           "base..variant,o,2021/22,total,cost_change,0.5\n");
}

TEST_CASE("text a spreadsheet would take for a formula gets a leading apostrophe")
{
  // OWASP, CSV injection: cells beginning with =, +, -, @, tab or carriage return.
  CHECK(carecast::neutralised("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
  CHECK(carecast::neutralised("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
  CHECK(carecast::neutralised("-2+3+cmd") == "'-2+3+cmd");
  CHECK(carecast::neutralised("@SUM(A1:A2)") == "'@SUM(A1:A2)");
  CHECK(carecast::neutralised("\tindent") == "'\tindent");
  CHECK(carecast::neutralised("\rreturn") == "'\rreturn");
  SUBCASE("numbers and other text are left alone")
  {
    CHECK(carecast::neutralised("-12.5") == "-12.5");
    CHECK(carecast::neutralised("-1e-05") == "-1e-05");
    CHECK(carecast::neutralised("Option 3: transfer") == "Option 3: transfer");
    CHECK(carecast::neutralised("a=b") == "a=b");
    CHECK(carecast::neutralised("") == "");
  }
  SUBCASE("in a CSV record, after neutralising, the usual quoting")
  {
    CHECK(carecast::csv_record({"=1+1", "-3", "@a,b"}) == "'=1+1,-3,\"'@a,b\"\n");
  }
}
