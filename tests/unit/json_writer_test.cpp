#include "carecast/writers.hpp"

#include "json_reader.hpp"
#include "test_model.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using carecast::Report;
using carecast::write_json;
using carecast::test::Json;
using carecast::test::parse;

namespace {

// A report whose strings hold every character JSON must escape.
Report awkward_report()
{
  Report report;
  report.scenario = "quote\" backslash\\ end";
  report.title = "line one\nline two\ttabbed\rreturn";
  report.unit = "£m";
  report.options = {{"opt", "bell\x07 and unit separator\x1f"}};
  report.lines = {{"a", "Line A"}};
  report.years = {"2021/22"};
  report.rows.push_back({"opt", "2021/22", "a", "cost", 1.0 / 3.0});
  report.rows.push_back({"opt", "2021/22", "total", "cost", -0.0});
  return report;
}

} // namespace

TEST_CASE("the JSON reader used here accepts valid JSON and rejects invalid")
{
  // The checks below rely on it, so it must be able to say no.
  CHECK(parse(R"({"a": [1, -2.5e3, "x\n", true, null], "b": {}})").has_value());
  CHECK_FALSE(parse(R"({"a": 1,})").has_value());
  CHECK_FALSE(parse("{\"a\": \"raw\nnewline\"}").has_value());
  CHECK_FALSE(parse(R"({"a": nan})").has_value());
  CHECK_FALSE(parse(R"({"a": 01})").has_value());
  CHECK_FALSE(parse(R"({"a": "bad \q escape"})").has_value());
  CHECK_FALSE(parse(R"({"a": 1} {})").has_value());
}

TEST_CASE("JSON output is one valid object with scenario, title, unit, options, lines, "
          "placements and rows")
{
  const Report report = awkward_report();
  const std::optional<Json> json = parse(write_json(report));
  REQUIRE(json.has_value());
  REQUIRE(json->type == Json::Type::object);
  CHECK(json->keys
        == std::vector<std::string>{"scenario", "title", "unit", "options", "lines", "placements",
                                    "rows"});
  CHECK((*json)["unit"].text == "£m");
  const Json& options = (*json)["options"];
  REQUIRE(options.type == Json::Type::array);
  REQUIRE(options.items.size() == 1);
  CHECK(options.items[0]["id"].text == "opt");
  const Json& lines = (*json)["lines"];
  REQUIRE(lines.items.size() == 1);
  CHECK(lines.items[0]["name"].text == "Line A");
  const Json& placements = (*json)["placements"];
  REQUIRE(placements.type == Json::Type::array);
  CHECK(placements.items.empty()); // the report has no care ladder
  const Json& rows = (*json)["rows"];
  REQUIRE(rows.type == Json::Type::array);
  REQUIRE(rows.items.size() == 2);
  const Json& row = rows.items[0];
  CHECK(row.keys == std::vector<std::string>{"option", "year", "line", "measure", "value"});
  CHECK(row["option"].text == "opt");
  CHECK(row["year"].text == "2021/22");
  CHECK(row["line"].text == "a");
  CHECK(row["measure"].text == "cost");
  REQUIRE(row["value"].type == Json::Type::number);
}

TEST_CASE("JSON escapes quotes, backslashes, newlines and control characters")
{
  const Report report = awkward_report();
  const std::string text = write_json(report);
  CHECK(text.find(R"("scenario": "quote\" backslash\\ end")") != std::string::npos);
  CHECK(text.find(R"("title": "line one\nline two\ttabbed\rreturn")") != std::string::npos);
  CHECK(text.find(R"(bell\u0007 and unit separator\u001f")") != std::string::npos);
  // No raw control character anywhere; the newlines are layout between tokens.
  for (const char c : text) {
    if (c != '\n') {
      CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
  }
  // Decoding gives back the original strings exactly.
  const std::optional<Json> json = parse(text);
  REQUIRE(json.has_value());
  CHECK((*json)["scenario"].text == report.scenario);
  CHECK((*json)["title"].text == report.title);
  CHECK((*json)["options"].items[0]["name"].text == report.options[0].name);
}

TEST_CASE("JSON values are written at full precision, negative zero as 0")
{
  const std::string text = write_json(awkward_report());
  // 12 significant digits, as in CSV.
  CHECK(text.find(R"("value": 0.333333333333})") != std::string::npos);
  CHECK(text.find(R"("measure": "cost", "value": 0})") != std::string::npos);
  const std::optional<Json> json = parse(text);
  REQUIRE(json.has_value());
  CHECK((*json)["rows"].items[0]["value"].number == doctest::Approx(1.0 / 3.0).epsilon(1e-12));
}

TEST_CASE("an empty report is still valid JSON")
{
  Report report;
  report.scenario = "empty";
  const std::optional<Json> json = parse(write_json(report));
  REQUIRE(json.has_value());
  CHECK((*json)["rows"].items.empty());
  CHECK((*json)["options"].items.empty());
}

TEST_CASE("the DCST compare report as JSON carries every row and the cabinet figures")
{
  const carecast::Model model = carecast::test::dcst_model();
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  const Report report = carecast::compare_report(model, outcome, "dcst_2022");
  const std::string text = write_json(report);
  const std::optional<Json> json = parse(text);
  REQUIRE(json.has_value());
  CHECK((*json)["scenario"].text == "dcst_2022");
  CHECK((*json)["title"].text == model.name());
  CHECK((*json)["options"].items.size() == 3);
  CHECK((*json)["lines"].items.size() == 9); // eight lines and base_year_calibration
  const Json& rows = (*json)["rows"];
  REQUIRE(rows.items.size() == report.rows.size());
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    CAPTURE(i);
    CHECK(rows.items[i]["measure"].text == report.rows[i].measure);
    // 12 significant digits: within 1e-11 relative of the unrounded value.
    CHECK(rows.items[i]["value"].number == doctest::Approx(report.rows[i].value).epsilon(1e-11));
  }
  CHECK(
    text.find(
      R"({"option": "do_nothing", "year": "2021/22", "line": "total", "measure": "variance", "value": 6.26})")
    != std::string::npos);
}

TEST_CASE("a diff as JSON names both scenarios and lists parameters with null for a missing side")
{
  carecast::ScenarioDiff diff;
  diff.a = {"base", "Base \"case\""};
  diff.b = {"variant", "Variant"};
  diff.parameters = {{"lines.x.base", "£m/yr", 1.5, 2.0},
                     {"lines.y.base", "£m/yr", std::nullopt, 0.25}};
  diff.cost.unit = "£m";
  diff.cost.options = {{"o", "Option O"}};
  diff.cost.rows.push_back({"o", "2021/22", "total", "cost_change", 0.5});
  const std::optional<Json> json = parse(carecast::write_json(diff));
  REQUIRE(json.has_value());
  CHECK((*json)["a"]["scenario"].text == "base");
  CHECK((*json)["a"]["title"].text == "Base \"case\"");
  CHECK((*json)["b"]["scenario"].text == "variant");
  CHECK((*json)["unit"].text == "£m");
  CHECK((*json)["options"].items.size() == 1);
  const Json& parameters = (*json)["parameters"];
  REQUIRE(parameters.items.size() == 2);
  CHECK(parameters.items[0]["path"].text == "lines.x.base");
  CHECK(parameters.items[0]["unit"].text == "£m/yr");
  CHECK(parameters.items[0]["before"].number == 1.5);
  CHECK(parameters.items[0]["after"].number == 2.0);
  CHECK(parameters.items[1]["before"].type == Json::Type::null);
  CHECK(parameters.items[1]["after"].number == 0.25);
  const Json& rows = (*json)["rows"];
  REQUIRE(rows.items.size() == 1);
  CHECK(rows.items[0]["measure"].text == "cost_change");
  CHECK(rows.items[0]["value"].number == 0.5);
}

TEST_CASE("a batch's summary JSON gives each run, with its scenario's rows, or null when none")
{
  carecast::BatchSummary summary;
  summary.rows = {{"s", "a", 21.5, 20.0, "b"}, {"s", "b", 21.0, 19.5, "b"}};
  summary.runs = {
    {"in/s.toml", "s", "gate failed", 3, "out/s.csv", {"gate one"}},
    {"in/t.toml", "t", "invalid", 1, "", {"in/t.toml:2:1: one", "in/t.toml:3:1: two"}}};
  const std::optional<Json> document = parse(write_json(summary));
  REQUIRE(document);
  const Json& runs = (*document)["scenarios"];
  REQUIRE(runs.items.size() == 2);
  const Json& written = runs.items[0];
  CHECK(written["file"].text == "in/s.toml");
  CHECK(written["status"].text == "gate failed");
  CHECK(written["exit_code"].number == 3);
  CHECK(written["csv"].text == "out/s.csv");
  CHECK(written["reasons"].items.size() == 1);
  CHECK(written["cheapest"].text == "b");
  REQUIRE(written["options"].items.size() == 2);
  CHECK(written["options"].items[1]["option"].text == "b");
  CHECK(written["options"].items[1]["horizon_total"].number == 21.0);
  CHECK(written["options"].items[1]["net_present_cost"].number == 19.5);
  const Json& invalid = runs.items[1];
  CHECK(invalid["csv"].type == Json::Type::null);
  CHECK(invalid["cheapest"].type == Json::Type::null);
  CHECK(invalid["options"].items.empty());
  CHECK(invalid["reasons"].items[1].text == "in/t.toml:3:1: two");
}
