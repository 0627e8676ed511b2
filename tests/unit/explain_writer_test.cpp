#include "carecast/explain_report.hpp"
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
  const std::string text = write_terminal(budget_2022(model));
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
  const std::string text = write_terminal(budget_bridge(model));
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
