#include "carecast/explain_report.hpp"
#include "carecast/explain_writer.hpp"
#include "test_model.hpp"

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
