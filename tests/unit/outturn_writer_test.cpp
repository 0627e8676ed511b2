#include "carecast/outturn_writer.hpp"

#include "carecast/output.hpp"
#include "carecast/text_table.hpp"
#include "carecast/validate.hpp"
#include "carecast/writers.hpp"

#include "json_reader.hpp"
#include "temp_dir.hpp"
#include "test_scenarios.hpp"
#include "text_lines.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace carecast;
using carecast::test::Json;

namespace {

OutturnLine line_of(std::string id, std::string name, double budget, double actual, double forecast,
                    double projection, Rag rag)
{
  OutturnLine line;
  line.id = std::move(id);
  line.name = std::move(name);
  line.method = OutturnMethod::projection;
  line.reason = "The care ladder knows the children in each placement.";
  line.basis = "the projection's remaining months scaled by the year so far, 1.038.";
  line.codes = {"CSC1*"};
  line.budget = budget;
  line.budget_stated = true;
  for (std::size_t p = 0; p < k_periods_per_year; ++p) {
    line.actual[p] = p < 9 ? actual : 0.0;
    line.forecast[p] = p < 9 ? actual : forecast;
    line.projection[p] = projection;
  }
  line.actual_to_date = 9 * actual;
  line.forecast_remaining = 3 * forecast;
  line.forecast_outturn = line.actual_to_date + line.forecast_remaining;
  line.variance = line.forecast_outturn - budget;
  line.rag = rag;
  return line;
}

// Two lines and their total, actuals to period 9 of 2021/22, by hand:
//   placements: 9 × 2.7 = 24.30 to date, 3 × 2.9 = 8.70 to come, outturn 33.00 against
//               a budget of 31.00: +2.00, 6.5% over, red (over 5%);
//   staffing:   9 × 2.0 = 18.00 to date, 3 × 2.1 = 6.30 to come, outturn 24.30 against
//               24.00: +0.30, 1.25% over, amber (over 1%);
//   total:      42.30 to date, 15.00 to come, outturn 57.30 against 55.00: +2.30, amber.
Outturn two_lines()
{
  Outturn outturn;
  outturn.scenario = "dcst_2022";
  outturn.option = "do_nothing";
  outturn.option_name = "Do nothing";
  outturn.unit = "£m";
  outturn.year = FinancialYear{2021};
  outturn.period = 9;
  outturn.actuals_file = "data/dcst_ledger_2021_22_p09.csv";
  outturn.ledger_unit = "£";
  outturn.amber = 0.01;
  outturn.red = 0.05;
  outturn.lines = {
    line_of("placements", "Placements (the care ladder)", 31.0, 2.7, 2.9, 2.6, Rag::red),
    line_of("staffing", "Social work and practice staff", 24.0, 2.0, 2.1, 2.0, Rag::amber)};
  outturn.lines[1].method = OutturnMethod::run_rate;
  outturn.total = line_of("total", "Total", 55.0, 4.7, 5.0, 4.6, Rag::amber);
  outturn.total.method.reset();
  outturn.total.reason.clear();
  outturn.total.basis.clear();
  outturn.total.codes.clear();
  outturn.reconciliation = {42.3, 42.3, 1234, 27};
  return outturn;
}

// The outturn with an earlier forecast and draws: placements moved +0.42 = restated
// 0.00 + spent vs forecast 0.30 + reforecast 0.12, staffing -0.01 (restated); bands
// around the outturns, the total's 56.70 to 58.00, so an sd of 1.30 / 2.5631 = 0.5072.
Outturn with_movement_and_bands()
{
  Outturn outturn = two_lines();
  outturn.previous_file = "data/dcst_ledger_2021_22_p06.csv";
  outturn.previous_period = 6;
  outturn.lines[0].movement = Movement{32.58, 0.42, 0.0, 0.30, 0.12};
  outturn.lines[1].movement = Movement{24.31, -0.01, -0.01, 0.0, 0.0};
  outturn.total.movement = Movement{56.89, 0.41, -0.01, 0.30, 0.12};
  outturn.lines[0].band = Band{32.4, 33.7};
  outturn.lines[1].band = Band{24.1, 24.5};
  outturn.total.band = Band{56.7, 58.0};
  outturn.draws = 1000;
  outturn.seed = 42;
  outturn.children = {{"in_house_fostering", 250.0}, {"ifa", 190.0}};
  return outturn;
}

bool contains(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

void check_fits_80_columns(const std::string& text)
{
  for (const std::string& line : test::lines_of(text)) {
    CHECK_MESSAGE(display_width(line) <= 80, line);
  }
}

// The CSV's value of a row, by its period, line and measure; NaN when it has none.
double csv_value(const std::string& csv, int period, std::string_view line,
                 std::string_view measure)
{
  const std::string key = fmt::format(",{},{},{},", period, line, measure);
  const std::size_t at = csv.find(key);
  if (at == std::string::npos) {
    return std::nan("");
  }
  return std::stod(csv.substr(at + key.size(), csv.find('\n', at) - at - key.size()));
}

std::size_t count_of(const std::string& text, std::string_view part)
{
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

} // namespace

TEST_CASE("The monitoring table fits 80 columns and shows each line's figures and RAG")
{
  const std::string text = write_terminal(two_lines(), carecast::k_default_width);
  check_fits_80_columns(text);
  CHECK(contains(text, "Budget monitoring: dcst_2022, 2021/22\n"));
  CHECK(contains(text, "actuals to period 9 (December 2021)"));
  CHECK(contains(text, "data/dcst_ledger_2021_22_p09.csv"));
  CHECK(contains(text, "Amounts in £m."));
  for (const std::string& line : test::lines_of(text)) {
    if (line.starts_with("placements  ")) {
      CHECK(line == "placements   31.00   24.30       8.70    33.00     +2.00  Red");
    } else if (line.starts_with("Total ")) {
      CHECK(line == "Total        55.00   42.30      15.00    57.30     +2.30  Amber");
    }
  }
  CHECK(contains(text, "\nstaffing (run_rate): the projection's"));
  CHECK(contains(text, "Ledger to period 9: 1234 rows, 27 codes, £42.30m = the lines' £42.30m"));
  std::string joined = text;
  std::replace(joined.begin(), joined.end(), '\n', ' ');
  CHECK(contains(joined, "RAG: Red: forecast over budget by more than 5% of it; Amber: by more "
                         "than 1%; Green otherwise."));
  CHECK_FALSE(contains(text, "Moved"));
  CHECK_FALSE(contains(text, "P10"));
  CHECK_FALSE(contains(text, "*"));
}

TEST_CASE("A line whose budget the scenario does not state is marked in the table")
{
  Outturn outturn = two_lines();
  outturn.lines[1].budget_stated = false;
  const std::string text = write_terminal(outturn, carecast::k_default_width);
  check_fits_80_columns(text);
  CHECK(contains(text, "\nstaffing*    24.00"));
  CHECK(contains(text, "*: the scenario states no budget for the line"));
}

TEST_CASE("With an earlier forecast and draws the table adds the movement, its causes and "
          "the P10-P90 band")
{
  const std::string text = write_terminal(with_movement_and_bands(), carecast::k_default_width);
  check_fits_80_columns(text);
  CHECK(contains(text, "Moved"));
  CHECK(contains(text, "Forecast outturn P10-P90: the 80% band over 1000 draws (seed 42)"));
  CHECK(contains(text, "placements +0.42: restated +0.00, spent vs forecast +0.30, reforecast "
                       "+0.12\nstaffing -0.01:"));
  CHECK(contains(text, "period 6 (September 2021)"));
  CHECK(contains(text, "in_house_fostering 250, ifa 190"));
}

TEST_CASE("Amounts too wide for a movement column leave it to the causes below")
{
  Outturn outturn = with_movement_and_bands();
  outturn.unit = "£k";
  outturn.lines[0].id = "external_residential_placements";
  for (OutturnLine* line : {&outturn.lines[0], &outturn.lines[1], &outturn.total}) {
    line->budget *= 1000.0;
    line->forecast_outturn *= 1000.0;
    line->actual_to_date *= 1000.0;
  }
  const std::string text = write_terminal(outturn, carecast::k_default_width);
  check_fits_80_columns(text);
  CHECK_FALSE(contains(text, "Moved"));
  CHECK(contains(text, "\nexternal_residential_…  31000.00"));
  CHECK(contains(text, "external_residential_placements +0.42: restated"));
}

TEST_CASE("The CSV has its documented header, the year's figures and the actuals only to the "
          "period")
{
  const std::string csv = write_csv(two_lines());
  CHECK(csv.starts_with("scenario,option,year,period,line,measure,value\n"
                        "dcst_2022,do_nothing,2021/22,9,placements,budget,31\n"));
  CHECK(csv_value(csv, 9, "total", "forecast_outturn") == doctest::Approx(57.3).epsilon(1e-12));
  CHECK(csv_value(csv, 9, "placements", "variance") == doctest::Approx(2.0).epsilon(1e-12));
  CHECK(csv_value(csv, 12, "staffing", "forecast") == doctest::Approx(2.1));
  CHECK(csv_value(csv, 3, "staffing", "projection") == doctest::Approx(2.0));
  // 9 actual rows and 12 projection and forecast rows for each of the 3 lines.
  CHECK(count_of(csv, ",actual,") == 27);
  CHECK(count_of(csv, ",projection,") == 36);
  CHECK(count_of(csv, ",forecast,") == 36);
  CHECK(std::isnan(csv_value(csv, 10, "placements", "actual")));
  CHECK_FALSE(contains(csv, "movement"));
  CHECK_FALSE(contains(csv, "p10"));
}

TEST_CASE("The CSV adds the movement's parts and the band when the outturn has them")
{
  const std::string csv = write_csv(with_movement_and_bands());
  CHECK(csv_value(csv, 9, "placements", "movement") == doctest::Approx(0.42));
  CHECK(csv_value(csv, 9, "placements", "movement_spent_vs_forecast") == doctest::Approx(0.30));
  CHECK(csv_value(csv, 9, "total", "movement_restated") == doctest::Approx(-0.01));
  CHECK(csv_value(csv, 9, "total", "movement_reforecast") == doctest::Approx(0.12));
  CHECK(csv_value(csv, 9, "total", "p10") == doctest::Approx(56.7));
  CHECK(csv_value(csv, 9, "staffing", "p90") == doctest::Approx(24.5));
}

TEST_CASE("The JSON is one valid object with the outturn's members, lines and total")
{
  const std::optional<Json> json = test::parse(write_json(with_movement_and_bands()));
  REQUIRE(json.has_value());
  CHECK((*json)["year"].text == "2021/22");
  CHECK((*json)["period"].number == 9);
  CHECK((*json)["rag"]["red"].number == doctest::Approx(0.05));
  CHECK((*json)["draws"].number == 1000);
  CHECK((*json)["previous"]["period"].number == 6);
  CHECK((*json)["reconciliation"]["codes"].number == 27);
  CHECK((*json)["children"].items.size() == 2);
  const Json& lines = (*json)["lines"];
  REQUIRE(lines.items.size() == 2);
  const Json& placements = lines.items[0];
  CHECK(placements["method"].text == "projection");
  CHECK(placements["rag"].text == "red");
  CHECK(placements["band"]["p90"].number == doctest::Approx(33.7));
  CHECK(placements["movement"]["reforecast"].number == doctest::Approx(0.12));
  const Json& by_period = placements["by_period"];
  REQUIRE(by_period.items.size() == 12);
  CHECK(by_period.items[8]["actual"].number == doctest::Approx(2.7));
  CHECK(by_period.items[9]["actual"].type == Json::Type::null);
  CHECK(by_period.items[9]["forecast"].number == doctest::Approx(2.9));
  const Json& total = (*json)["total"];
  CHECK(total["forecast_outturn"].number == doctest::Approx(57.3));
  CHECK(std::find(total.keys.begin(), total.keys.end(), "method") == total.keys.end());
}

TEST_CASE("The JSON leaves out draws, the earlier forecast, children, bands and movement "
          "when the outturn has none")
{
  const std::optional<Json> json = test::parse(write_json(two_lines()));
  REQUIRE(json.has_value());
  for (const char* key : {"draws", "seed", "previous", "children"}) {
    CHECK(std::find(json->keys.begin(), json->keys.end(), key) == json->keys.end());
  }
  const Json& line = (*json)["lines"].items[1];
  CHECK(line["rag"].text == "amber");
  for (const char* key : {"band", "movement"}) {
    CHECK(std::find(line.keys.begin(), line.keys.end(), key) == line.keys.end());
  }
}

TEST_CASE("The fragment makes the forecast outturn a scenario's known base year")
{
  SUBCASE("without draws, the value and its source")
  {
    const std::string fragment = write_fragment(two_lines());
    CHECK(fragment.starts_with("# Forecast outturn of 2021/22 by carecast outturn from "
                               "data/dcst_ledger_2021_22_p09.csv,\n# actuals to period 9 "
                               "(December 2021), option do_nothing.\n"));
    const LoadResult result = read_scenario_text(test::k_valid + "\n" + fragment, "outturn.toml");
    for (const Diagnostic& diagnostic : result.diagnostics) {
      FAIL_CHECK(render(diagnostic, result.sources));
    }
    REQUIRE(result.scenario.has_value());
    REQUIRE(result.scenario->known_base_year.has_value());
    CHECK(result.scenario->known_base_year->value == doctest::Approx(57.3).epsilon(1e-12));
    CHECK(contains(result.scenario->known_base_year->provenance.source,
                   "carecast outturn: forecast outturn of 2021/22 from "
                   "data/dcst_ledger_2021_22_p09.csv, actuals to period 9 (December 2021)"));
    CHECK(result.scenario->uncertainty.empty());
  }
  SUBCASE("with draws, its sd from the P10-P90 band")
  {
    const std::string fragment = write_fragment(with_movement_and_bands());
    const LoadResult result = read_scenario_text(test::k_valid + "\n" + fragment, "outturn.toml");
    for (const Diagnostic& diagnostic : result.diagnostics) {
      FAIL_CHECK(render(diagnostic, result.sources));
    }
    REQUIRE(result.scenario.has_value());
    REQUIRE(result.scenario->uncertainty.size() == 1);
    const UncertainInput& input = result.scenario->uncertainty[0];
    CHECK(input.id == "known_base_year");
    REQUIRE(input.setting(Setting::sd).has_value());
    CHECK(input.setting(Setting::sd)->value == doctest::Approx(1.3 / 2.5631).epsilon(1e-9));
    CHECK(contains(input.setting(Setting::sd)->provenance.assumption, "over 1000 draws (seed 42)"));
  }
}

TEST_CASE("A file name with a newline cannot end the fragment's comment")
{
  Outturn outturn = two_lines();
  outturn.actuals_file = "ledger\n[lines.evil]\n.csv";
  const LoadResult result =
    read_scenario_text(test::k_valid + "\n" + write_fragment(outturn), "outturn.toml");
  CHECK(result.diagnostics.empty());
  CHECK(result.scenario.has_value());
}

TEST_CASE("The workbook is written with its sheet, chart and provenance")
{
  const TempDir dir;
  const fs::path target = dir.path() / "monitoring.xlsx";
  const Outturn outturn = with_movement_and_bands();
  write_output(&outturn, Format::xlsx, {target, {}}, {});
  std::ifstream file(target, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  const std::string book = bytes.str();
  CHECK(book.starts_with("PK"));
  // A zip names its files uncompressed: the Monitoring and Provenance sheets, and a chart.
  CHECK(contains(book, "xl/worksheets/sheet1.xml"));
  CHECK(contains(book, "xl/worksheets/sheet2.xml"));
  CHECK(contains(book, "xl/charts/chart1.xml"));
}

TEST_CASE("The periods' months and the RAG read as a report names them")
{
  CHECK(period_label(FinancialYear{2021}, 1) == "period 1 (April 2021)");
  CHECK(period_label(FinancialYear{2021}, 9) == "period 9 (December 2021)");
  CHECK(period_label(FinancialYear{2021}, 10) == "period 10 (January 2022)");
  CHECK(period_label(FinancialYear{2021}, 12) == "period 12 (March 2022)");
  CHECK(month_abbreviation(1) == "Apr");
  CHECK(month_abbreviation(12) == "Mar");
  CHECK(rag_name(Rag::amber) == "Amber");
  CHECK(method_name(OutturnMethod::committed) == "committed");
  CHECK(signed_amount(-0.001) == "+0.00");
  CHECK(in_unit(-1.5, "£m") == "-£1.50m");
  CHECK(in_unit(1.5, "children") == "1.50 children");
}
