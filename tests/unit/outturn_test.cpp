// Budget monitoring: the forecast outturn from a ledger's actuals to a period, by each
// method, with its budget, RAG, reconciliation, movement and band, and each mistake in
// the ledger or its mapping located. Every expected figure is worked out by hand in the
// comments from the scenario below.

#include "carecast/ledger.hpp"
#include "carecast/model.hpp"
#include "carecast/outturn.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// Four flat lines (no indices): staff 1.0 a month, rent 0.2, grant -0.1 and fees 0.05,
// in £m. The budget of 2021/22 is 12.8; staff, rent and fees state theirs (11.0, 2.4
// and 0.6), so grant gets the rest, 12.8 - 14.0 = -1.2. The ledger is in £k.
const std::string k_scenario = R"([scenario]
name = "Monitoring"
base_year = "2021/22"
horizon = "2022/23"
unit = "£m"

[lines.staff]
base = 12.0

[lines.rent]
base = 2.4

[lines.grant]
base = -1.2

[lines.fees]
base = 0.6

[budget.years."2021/22"]
base = { kind = "base", value = 12.8 }

[options.only]
name = "Only"

[ledger]
unit = "£k"

[ledger.lines.staff]
codes = ["S*"]
method = "projection"
reason = "Pay follows the establishment the scenario projects."

[ledger.lines.rent]
codes = ["R1"]
method = "run_rate"
periods = 2
reason = "Rent is paid monthly at the current rate."

[ledger.lines.grant]
codes = ["G1"]
method = "profile"
profile = [0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 3]
reason = "The grant comes in quarterly instalments."

[ledger.lines.fees]
codes = ["F1"]
method = "committed"
reason = "Fees are ordered for the year."

[ledger.budgets."2021/22"]
staff = 11.0
rent = 2.4
fees = 0.6
)";

// To period 3 (June 2021), in £k: staff 1,100 a month over two codes, rent 200, 200,
// 220, grant -300 in June, fees 50 a month and 600 committed at the end of June.
const std::string k_ledger = R"(year,period,code,amount,description,committed
2021/22,1,S1,600,Social workers,
2021/22,1,S2,500,Managers,
2021/22,1,R1,200,Rent,
2021/22,1,F1,50,Fees,
2021/22,2,S1,600,Social workers,
2021/22,2,S2,500,Managers,
2021/22,2,R1,200,Rent,
2021/22,2,F1,50,Fees,
2021/22,3,S1,600,Social workers,
2021/22,3,S2,500,Managers,
2021/22,3,R1,220,Rent,
2021/22,3,G1,-300,Grant,
2021/22,3,F1,50,Fees,600
)";

// Two placement types at £1,000 a week, no entries, exits or moves: home has 10
// children, away none, and they would stay so. Its ledger is in pounds.
const std::string k_ladder_scenario = R"([scenario]
name = "Ladder"
base_year = "2021/22"
horizon = "2021/22"

[lines.placements]

[ladder]
line = "placements"
order = ["home", "away"]

[ladder.entries]
per_year = 0

[ladder.types.home]
weekly_cost = 1000
children = 10
entry_share = 1.0
exit_rate = 0.0

[ladder.types.away]
weekly_cost = 1000
children = 0
entry_share = 0.0
exit_rate = 0.0

[ladder.moves]
home = [0, 0]
away = [0, 0]

[budget.years."2021/22"]
base = { kind = "base", value = 0.5 }

[options.stay]
name = "Stay"

[ledger]
unit = "£"

[ledger.lines.placements]
codes = ["P1"]
method = "projection"
reason = "The care ladder knows the children."
)";

OutturnResult outturn_of(const std::string& scenario, const std::string& csv,
                         std::optional<int> period = std::nullopt)
{
  const LedgerResult ledger = read_ledger_text(csv, "ledger.csv");
  REQUIRE(ledger.diagnostics.empty());
  return outturn(test::model_from(scenario), ledger.entries, {0, period, "ledger.csv", "monitoring"});
}

Outturn good_outturn(const std::string& csv, std::optional<int> period = std::nullopt)
{
  OutturnResult result = outturn_of(k_scenario, csv, period);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    INFO(diagnostic.pos.line << ": " << diagnostic.message);
  }
  REQUIRE(result.diagnostics.empty());
  return *result.outturn;
}

const OutturnLine& line(const Outturn& outturn, const std::string& id)
{
  for (const OutturnLine& candidate : outturn.lines) {
    if (candidate.id == id) {
      return candidate;
    }
  }
  FAIL("no line " << id);
  return outturn.total;
}

// The one diagnostic of an outturn that must fail, as "LINE: message".
std::string problem(const std::string& scenario, const std::string& csv,
                    std::optional<int> period = std::nullopt)
{
  const OutturnResult result = outturn_of(scenario, csv, period);
  CHECK_FALSE(result.outturn);
  REQUIRE(result.diagnostics.size() == 1);
  return std::to_string(result.diagnostics[0].pos.line) + ": " + result.diagnostics[0].message;
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("the year and period come from the ledger: to June 2021 is period 3 of 2021/22")
{
  const Outturn outturn = good_outturn(k_ledger);
  CHECK(outturn.year == FinancialYear{2021});
  CHECK(outturn.period == 3);
  CHECK(outturn.unit == "£m");
  CHECK(outturn.ledger_unit == "£k");
  CHECK(outturn.lines.size() == 4);
}

TEST_CASE("projection: the months to come scaled by the actual to date over the projection")
{
  // Staff: 3.3 spent against 3.0 projected, a ratio of 1.1; nine months of 1.0 x 1.1 to
  // come = 9.9; outturn 13.2 against a budget of 11.0: +2.2, 20% over, red.
  const Outturn outturn = good_outturn(k_ledger);
  const OutturnLine& staff = line(outturn, "staff");
  CHECK(staff.actual_to_date == doctest::Approx(3.3));
  CHECK(staff.forecast_remaining == doctest::Approx(9.9));
  CHECK(staff.forecast_outturn == doctest::Approx(13.2));
  CHECK(staff.variance == doctest::Approx(2.2));
  CHECK(staff.rag == Rag::red);
  CHECK(staff.budget_stated);
  CHECK(staff.forecast[3] == doctest::Approx(1.1));
  CHECK(staff.projection[3] == doctest::Approx(1.0));
  CHECK(staff.basis.find("1.1000") != std::string::npos);
}

TEST_CASE("run_rate: each month to come at the average of the last periods")
{
  // Rent: the last two periods average (0.2 + 0.22) / 2 = 0.21; 0.62 + 9 x 0.21 = 2.51
  // against 2.4: +0.11, 4.6% over, amber (above 1%, not above 5%).
  const Outturn outturn = good_outturn(k_ledger);
  const OutturnLine& rent = line(outturn, "rent");
  CHECK(rent.forecast_remaining == doctest::Approx(1.89));
  CHECK(rent.forecast_outturn == doctest::Approx(2.51));
  CHECK(rent.rag == Rag::amber);
}

TEST_CASE("profile: the budget's share of the months to come; an unstated budget is the rest")
{
  // Grant: no stated budget, so 12.8 - (11.0 + 2.4 + 0.6) = -1.2. Three of the four
  // quarterly weights fall after June: 0.75 x -1.2 = -0.9 to come, -1.2 in all: on
  // budget, green.
  const Outturn outturn = good_outturn(k_ledger);
  const OutturnLine& grant = line(outturn, "grant");
  CHECK_FALSE(grant.budget_stated);
  CHECK(grant.budget == doctest::Approx(-1.2));
  CHECK(grant.forecast_remaining == doctest::Approx(-0.9));
  CHECK(grant.variance == doctest::Approx(0.0));
  CHECK(grant.rag == Rag::green);
}

TEST_CASE("committed: the commitments at the period's end, spread over the months to come")
{
  // Fees: 0.15 spent and 0.6 committed: 0.75 against 0.6, 25% over, red.
  const Outturn outturn = good_outturn(k_ledger);
  const OutturnLine& fees = line(outturn, "fees");
  CHECK(fees.forecast_outturn == doctest::Approx(0.75));
  CHECK(fees.forecast[11] == doctest::Approx(0.6 / 9));
  CHECK(fees.rag == Rag::red);
}

TEST_CASE("the total adds the lines, and the ledger reconciles to them")
{
  // 13.2 + 2.51 - 1.2 + 0.75 = 15.26 against 12.8. The ledger's 13 rows: 3.3 + 0.62 -
  // 0.3 + 0.15 = 3.77.
  const Outturn outturn = good_outturn(k_ledger);
  CHECK(outturn.total.budget == doctest::Approx(12.8));
  CHECK(outturn.total.forecast_outturn == doctest::Approx(15.26));
  CHECK(outturn.total.variance == doctest::Approx(2.46));
  CHECK(outturn.reconciliation.rows == 13);
  CHECK(outturn.reconciliation.codes == 5);
  CHECK(outturn.reconciliation.ledger_total == doctest::Approx(3.77));
  CHECK(outturn.reconciliation.lines_total == doctest::Approx(outturn.reconciliation.ledger_total));
  CHECK(outturn.total.actual_to_date == doctest::Approx(3.77));
}

TEST_CASE("a period before the file's last leaves the later rows out")
{
  // To period 2: staff 2.2 over 2.0 projected, ratio 1.1 again: 2.2 + 10 x 1.1 = 13.2.
  const Outturn outturn = good_outturn(k_ledger, 2);
  CHECK(outturn.period == 2);
  CHECK(line(outturn, "staff").forecast_outturn == doctest::Approx(13.2));
  CHECK(outturn.reconciliation.rows == 8);
}

TEST_CASE("a code with money that maps to no line is an error at its first row, listing it")
{
  const std::string message = problem(k_scenario, k_ledger + "2021/22,2,X9,12.5,Agency,\n");
  CHECK(message.rfind("15: 1 cost code with money on it maps to no line", 0) == 0);
  CHECK(message.find("X9 'Agency' (£12.50k to period 3, first on line 15)") != std::string::npos);
}

TEST_CASE("a code that maps to no line but carries no money is no error")
{
  CHECK(good_outturn(k_ledger + "2021/22,2,X9,0,Closed code,\n").reconciliation.rows == 14);
}

TEST_CASE("a code that two lines' patterns match is an error at its row")
{
  const std::string scenario = replaced(k_scenario, "codes = [\"R1\"]", "codes = [\"S?\"]");
  const OutturnResult result = outturn_of(scenario, k_ledger);
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK(result.diagnostics[0].pos.line == 2);
  CHECK(result.diagnostics[0].message.find("matches 'S*' of line 'staff' and 'S?' of line 'rent'")
        != std::string::npos);
}

TEST_CASE("an exact code wins over a pattern")
{
  const std::string scenario = replaced(k_scenario, "codes = [\"R1\"]", "codes = [\"R1\", \"S2\"]");
  // S2's 0.5 a month moves from staff to rent.
  const Outturn outturn = *outturn_of(scenario, k_ledger).outturn;
  CHECK(line(outturn, "staff").actual_to_date == doctest::Approx(1.8));
  CHECK(line(outturn, "rent").actual_to_date == doctest::Approx(2.12));
}

TEST_CASE("a period the ledger does not reach is an error at its last row")
{
  CHECK(problem(k_scenario, k_ledger, 4).rfind("14: the actuals run to period 3 (June 2021), so "
                                               "they cannot give an outturn at period 4 (July "
                                               "2021)",
                                               0)
        == 0);
}

TEST_CASE("a ledger of two years, or of a year outside the scenario, is an error")
{
  CHECK(problem(k_scenario, k_ledger + "2022/23,1,S1,600,,\n").rfind("15: this row is in 2022/23", 0)
        == 0);
  const std::string later = "year,period,code,amount\n2030/31,1,S1,600\n";
  CHECK(problem(k_scenario, later) == "2: the actuals are for 2030/31, outside the scenario's "
                                      "years 2021/22 to 2022/23");
}

TEST_CASE("a line with projected cost and no codes is an error at [ledger]")
{
  const std::string scenario = replaced(k_scenario, R"([ledger.lines.fees]
codes = ["F1"]
method = "committed"
reason = "Fees are ordered for the year."
)",
                                        "");
  std::string ledger = k_ledger;
  for (const std::string row : {"2021/22,1,F1,50,Fees,\n", "2021/22,2,F1,50,Fees,\n",
                                "2021/22,3,F1,50,Fees,600\n"}) {
    ledger = replaced(ledger, row, "");
  }
  const std::string message = problem(scenario, ledger);
  CHECK(message.find("maps no cost code to line 'fees'") != std::string::npos);
}

TEST_CASE("stated line budgets that do not add up to the year's budget are an error")
{
  const std::string scenario = replaced(k_scenario, "fees = 0.6\n", "fees = 0.6\ngrant = -1.0\n");
  CHECK(problem(scenario, k_ledger).find("add up to 13 £m, but the budget of 2021/22 is 12.8 £m")
        != std::string::npos);
}

TEST_CASE("movement: restated, spent against forecast and reforecast add up to the change")
{
  // At period 2, staff had 0.55 posted for S1 in May (restated to 0.6 since): 2.15 over
  // 2.0 projected, ratio 1.075, outturn 2.15 + 10 x 1.075 = 12.9. Now 13.2: +0.3, of
  // which 0.05 restated, June's 1.1 against 1.075 forecast = 0.025, and nine months at
  // 1.1 instead of 1.075 = 0.225.
  const std::string earlier = replaced(k_ledger.substr(0, k_ledger.find("2021/22,3,")),
                                       "2021/22,2,S1,600", "2021/22,2,S1,550");
  Outturn now = good_outturn(k_ledger);
  add_movement(now, good_outturn(earlier), "earlier.csv");
  CHECK(now.previous_period == 2);
  const Movement& staff = *line(now, "staff").movement;
  CHECK(staff.previous_outturn == doctest::Approx(12.9));
  CHECK(staff.total == doctest::Approx(0.3));
  CHECK(staff.restated == doctest::Approx(0.05));
  CHECK(staff.spent_vs_forecast == doctest::Approx(0.025));
  CHECK(staff.reforecast == doctest::Approx(0.225));
  const Movement& total = *now.total.movement;
  CHECK(total.restated + total.spent_vs_forecast + total.reforecast
        == doctest::Approx(total.total));
}

TEST_CASE("children counted at the period's end restart the care ladder")
{
  // 10 children at home would stay 10. Counted as 12 (and none away) at the end of
  // September (period 6), the six months to come (182 days, 26 weeks) cost 12 x 1,000 x
  // 26 = £312,000, whatever was spent so far.
  std::string csv = "year,period,code,amount,placement,children\n";
  for (int period = 1; period <= 6; ++period) {
    csv += "2021/22," + std::to_string(period) + ",P1,50000,,\n";
  }
  const std::string counted = csv + "2021/22,6,,,home,12\n2021/22,6,,,away,0\n";
  const Outturn restarted = *outturn_of(k_ladder_scenario, counted).outturn;
  CHECK(restarted.lines[0].forecast_remaining == doctest::Approx(0.312));
  REQUIRE(restarted.children.size() == 2);
  CHECK(restarted.children[0].children == 12.0);
  CHECK(restarted.lines[0].basis.find("restarted") != std::string::npos);
  // Without the count, the projection (10 children) is scaled by the 0.3 spent over the
  // projection to date, 10 x 1,000 for April to September's 183 days: the six months to
  // come, 182 days of the same, cost 0.3 x 182 / 183.
  const Outturn scaled = *outturn_of(k_ladder_scenario, csv).outturn;
  CHECK(scaled.lines[0].forecast_remaining == doctest::Approx(0.3 * 182.0 / 183.0));
}

TEST_CASE("children counted in some placement types only, or in an unknown one, are errors")
{
  const std::string csv = "year,period,code,amount,placement,children\n2021/22,1,P1,50000,,\n";
  CHECK(problem(k_ladder_scenario, csv + "2021/22,1,,,home,12\n")
        == "3: children are counted at the end of period 1 in 1 of the care ladder's 2 placement "
           "types: count every type (missing: away)");
  const OutturnResult unknown = outturn_of(k_ladder_scenario, csv + "2021/22,1,,,hom,12\n");
  REQUIRE_FALSE(unknown.diagnostics.empty());
  CHECK(unknown.diagnostics[0].message.find("no placement type named 'hom'") != std::string::npos);
}

namespace {

// The shipped example: DCST's synthetic ledger of 2021/22 (data/README.md) to `period`.
Outturn dcst_outturn(int period, std::int64_t draws = 0)
{
  const LedgerResult ledger = read_ledger_file(test::data_file("dcst_ledger_2021_22.csv"));
  REQUIRE(ledger.diagnostics.empty());
  const Model model = test::dcst_model();
  OutturnResult result = outturn(model, ledger.entries, {0, period, "ledger.csv", "dcst_2022"});
  REQUIRE(result.diagnostics.empty());
  if (draws > 0) {
    SimulationSettings settings;
    settings.draws = draws;
    settings.seed = 7;
    CHECK(add_bands(*result.outturn, model, ledger.entries, settings).empty());
  }
  return *result.outturn;
}

} // namespace

TEST_CASE("the DCST example's projection at period 9 is the quarter 3 forecast of 64.43")
{
  // Cabinet report of 30 March 2022, para 44: the £58.17m contract value and a forecast
  // overspend of £6.26m at quarter 3 (December 2021, period 9).
  const Outturn outturn = dcst_outturn(9);
  CHECK(outturn.total.budget == doctest::Approx(58.17));
  CHECK(outturn.total.forecast_outturn == doctest::Approx(64.43).epsilon(1e-5));
  CHECK(outturn.total.variance == doctest::Approx(6.26).epsilon(1e-4));
  CHECK(outturn.reconciliation.lines_total
        == doctest::Approx(outturn.reconciliation.ledger_total).epsilon(1e-12));
}

TEST_CASE("the DCST example's band narrows as the year goes on: period 9 against period 3")
{
  // Spent months are known: at period 3 nine months are forecast, at period 9 three.
  const Outturn early = dcst_outturn(3, 400);
  const Outturn late = dcst_outturn(9, 400);
  const double early_width = early.total.band->p90 - early.total.band->p10;
  const double late_width = late.total.band->p90 - late.total.band->p10;
  CHECK(early_width > 0.0);
  CHECK(late_width < early_width);
  // The band holds the point forecast.
  CHECK(late.total.band->p10 <= late.total.forecast_outturn);
  CHECK(late.total.band->p90 >= late.total.forecast_outturn);
}
