#include "carecast/explain_report.hpp"
#include "carecast/text_table.hpp"
#include "carecast/explain_writer.hpp"
#include "test_model.hpp"

#include <algorithm>

using namespace carecast;

namespace {

ExplainReport budget_2022(const Model& model)
{
  ExplainReport header;
  header.scenario = "dcst_2022";
  header.heading = "How the budget in 2022/23 is built";
  header.option = "do_nothing";
  header.year = "2022/23";
  header.measure = "budget";
  return explain_report(model, {explain_budget(model, model.values(), 1)}, header);
}

} // namespace

TEST_CASE("an explain report resolves each term's key, place and source")
{
  const Model model = test::dcst_model();
  const ExplainReport report = budget_2022(model);
  REQUIRE(report.parts.size() == 1);
  const ExplainRow& demand = report.parts[0].rows[1];
  CHECK(demand.key == "budget.years.2022/23.demand");
  CHECK(demand.location.starts_with(test::dcst_path().string()));
  CHECK(demand.note == "source: Cabinet report 30 Mar 2022, para 44");
  CHECK(report.total == doctest::Approx(65.15).epsilon(1e-12)); // para 44
  CHECK(report.unit == "£m");
}

TEST_CASE("the explain CSV carries the tidy columns, then term, key, location and note")
{
  const Model model = test::dcst_model();
  const std::string csv = write_csv(budget_2022(model));
  CHECK(csv.starts_with("scenario,option,year,line,measure,value,term,key,location,note\n"));
  CHECK(csv.find("dcst_2022,do_nothing,2022/23,,budget,3.54,Demand and complexity carried into "
                 "2022/23,budget.years.2022/23.demand,")
        != std::string::npos);
  // One header and four steps.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
}

TEST_CASE("the explain table ends with the total to 2 decimals")
{
  const Model model = test::dcst_model();
  const std::string text = write_terminal(budget_2022(model), carecast::k_default_width);
  CHECK(text.starts_with("How the budget in 2022/23 is built (£m)\n"));
  CHECK(text.ends_with("==========\n     65.15  Total\n"));
}

TEST_CASE("the explain JSON gives the total and every term")
{
  const Model model = test::dcst_model();
  const std::string json = write_json(budget_2022(model));
  CHECK(json.find("\"total\": 65.15") != std::string::npos);
  CHECK(json.find("\"key\": \"budget.years.2022/23.inflation\"") != std::string::npos);
}

namespace {

// The bridge of the budget from 2021/22 to 2022/23: 58.17 + 3.54 + 0.70 + 2.74 = 65.15
// (cabinet report, para 44), with the contract value rolled forward.
ExplainReport budget_bridge(const Model& model)
{
  const Eigen::VectorXd values = model.values();
  const Explanation from = explain_budget(model, values, 0);
  const Explanation to = explain_budget(model, values, 1);
  ExplainReport header;
  header.scenario = "dcst_2022";
  header.heading = "What moves the budget from 2021/22 to 2022/23";
  header.option = "do_nothing";
  header.year = "2021/22..2022/23";
  header.measure = "budget_change";
  header.opening = {"Budget in 2021/22", "2021/22", "do_nothing", "2021/22", "", "budget",
                    from.total};
  header.closing = {
    "Budget in 2022/23", "2022/23", "do_nothing", "2022/23", "", "budget", to.total};
  return explain_report(model, {bridge(from, to)}, header);
}

} // namespace

TEST_CASE("a bridge's table reads from the opening figure through the change to the closing")
{
  const Model model = test::dcst_model();
  const std::string text = write_terminal(budget_bridge(model), carecast::k_default_width);
  CHECK(text.starts_with("What moves the budget from 2021/22 to 2022/23 (£m)\n\n"
                         "     58.17  Budget in 2021/22\n\n"
                         "    -58.17  2021/22 contract value\n"));
  CHECK(text.ends_with("==========\n      6.98  Change\n     65.15  Budget in 2022/23\n"));
}

TEST_CASE("a bridge's CSV has the opening figure first and the closing figure last")
{
  const Model model = test::dcst_model();
  const std::string csv = write_csv(budget_bridge(model));
  // The header, the opening, five movements and the closing.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 8);
  CHECK(csv.starts_with("scenario,option,year,line,measure,value,term,key,location,note\n"
                        "dcst_2022,do_nothing,2021/22,,budget,58.17,Budget in 2021/22,,,\n"
                        "dcst_2022,do_nothing,2021/22..2022/23,,budget_change,-58.17,"));
  CHECK(csv.ends_with("\ndcst_2022,do_nothing,2022/23,,budget,65.15,Budget in 2022/23,,,\n"));
}

TEST_CASE("a bridge's JSON has its opening before the terms and its closing after them")
{
  const Model model = test::dcst_model();
  const std::string json = write_json(budget_bridge(model));
  const std::size_t opening =
    json.find("\"opening\": {\"option\": \"do_nothing\", \"year\": \"2021/22\", \"line\": \"\", "
              "\"measure\": \"budget\", \"term\": \"Budget in 2021/22\", \"value\": 58.17}");
  const std::size_t terms = json.find("\"terms\": [");
  const std::size_t closing = json.find("\"closing\": {");
  REQUIRE(opening != std::string::npos);
  REQUIRE(closing != std::string::npos);
  CHECK(opening < terms);
  CHECK(terms < closing);
  CHECK(json.find("\"value\": 65.15}") > closing);
  CHECK(json.find("\"total\": 6.98") != std::string::npos);
}

TEST_CASE("an explain report keeps each term's caption for a chart")
{
  const Model model = test::dcst_model();
  const ExplainReport report = budget_2022(model);
  CHECK(report.parts[0].rows[0].caption == "2021/22 budget rolled forward");
  CHECK(report.parts[0].rows[1].caption == "demand");
}

namespace {

void check_column(const WaterfallColumn& column, std::string_view label, double base, double bar,
                  double below)
{
  CAPTURE(column.label);
  CHECK(column.label == label);
  CHECK(column.base == doctest::Approx(base).epsilon(1e-12));
  CHECK(column.bar == doctest::Approx(bar).epsilon(1e-12));
  CHECK(column.below == doctest::Approx(below).epsilon(1e-12));
}

ExplainRow row(std::string caption, double value)
{
  ExplainRow made;
  made.term = caption;
  made.caption = std::move(caption);
  made.value = value;
  return made;
}

} // namespace

TEST_CASE("a bridge's waterfall stands each movement on the running total, from 58.17 to 65.15")
{
  // Para 44: 58.17, the contract value out and back in, then 3.54, 0.70 and 2.74.
  const Model model = test::dcst_model();
  const std::vector<WaterfallColumn> columns = waterfall(budget_bridge(model));
  REQUIRE(columns.size() == 7);
  CHECK(columns[0].full);
  CHECK(columns[0].label == "2021/22");
  CHECK(columns[0].value == doctest::Approx(58.17).epsilon(1e-12));
  check_column(columns[1], "contract", 0.0, 58.17, 0.0);                      // 58.17 down to 0
  check_column(columns[2], "2021/22 budget rolled forward", 0.0, 58.17, 0.0); // back up
  check_column(columns[3], "demand", 58.17, 3.54, 0.0);
  check_column(columns[4], "dfe_funding", 61.71, 0.70, 0.0);
  check_column(columns[5], "inflation", 62.41, 2.74, 0.0);
  CHECK(columns[6].full);
  CHECK(columns[6].label == "2022/23");
  CHECK(columns[6].value == doctest::Approx(65.15).epsilon(1e-12));
  for (std::size_t i = 1; i < 6; ++i) {
    CHECK_FALSE(columns[i].full);
  }
}

TEST_CASE("a waterfall's bars below zero hang from it, and one crossing zero is split there")
{
  // From -0.5: +1.0 crosses zero (0.5 above, -0.5 below), -0.2 ends at 0.3 above zero,
  // -1.0 crosses back (0.3 above, -0.7 below), -0.1 lies wholly below, from -0.7 to -0.8.
  ExplainReport report;
  report.opening = ExplainEnd{"Cost in 2022/23", "2022/23", "o", "2022/23", "l", "cost", -0.5};
  report.closing = ExplainEnd{"Cost in 2023/24", "2023/24", "o", "2023/24", "l", "cost", -0.8};
  report.parts.push_back(
    {"l", -0.3, {row("a", 1.0), row("b", -0.2), row("c", -1.0), row("d", -0.1)}});
  const std::vector<WaterfallColumn> columns = waterfall(report);
  REQUIRE(columns.size() == 6);
  check_column(columns[1], "a", 0.0, 0.5, -0.5);
  check_column(columns[2], "b", 0.3, 0.2, 0.0);
  check_column(columns[3], "c", 0.0, 0.3, -0.7);
  check_column(columns[4], "d", -0.7, -0.1, 0.0);
  CHECK(columns[5].value == -0.8);
}

TEST_CASE("a waterfall names a caption's line only where two terms share the caption")
{
  // Both lines have a pay effect; only staffing has a demand effect. A figure's own
  // explanation, without a closing figure, ends with its total.
  ExplainReport report;
  report.parts.push_back({"staffing", 3.0, {row("Demand: demand", 1.0), row("Prices: pay", 2.0)}});
  report.parts.push_back({"support", 0.5, {row("Prices: pay", 0.5)}});
  report.total = 3.5;
  const std::vector<WaterfallColumn> columns = waterfall(report);
  REQUIRE(columns.size() == 4);
  CHECK(columns[0].label == "Demand: demand");
  CHECK(columns[1].label == "Prices: pay (staffing)");
  CHECK(columns[2].label == "Prices: pay (support)");
  check_column(columns[2], "Prices: pay (support)", 3.0, 0.5, 0.0);
  CHECK(columns[3].full);
  CHECK(columns[3].label == "Total");
  CHECK(columns[3].value == 3.5);
}
