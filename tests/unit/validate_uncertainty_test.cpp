// The rules for [uncertainty.ID] tables and the [correlation] matrix, and the check that
// every uncertain input names a parameter of the compiled model.

#include "carecast/model.hpp"
#include "carecast/validate.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace carecast;
using namespace carecast::test;

// Positions are counted by hand: each raw string starts with its line 1 right after R"(,
// lines and columns count from 1. test::k_valid, the scenario these tests extend, has 14
// lines, so what check_with appends to it starts at line 15.

namespace {

// Two valid inputs, on lines 15 to 26, for the correlation tests.
const std::string k_two_inputs = R"([uncertainty.pay]
parameter = "indices.pay.default"
distribution = "triangular"
low = 0.01
mode = 0.02
high = 0.04

[uncertainty.staffing]
parameter = "lines.staffing.base"
distribution = "uniform"
low = 9.0
high = 11.0
)";

// An input `pay` of indices.pay.default with `settings` after its parameter:
// [uncertainty.pay] is on line 15, its parameter on line 16, and `settings` start on 17.
LoadResult check_pay(const std::string& settings)
{
  return check_with("[uncertainty.pay]\nparameter = \"indices.pay.default\"\n" + settings);
}

} // namespace

TEST_CASE("each distribution validates with its own settings")
{
  check_valid(check_with(R"([uncertainty.a]
parameter = "indices.pay.default"
distribution = "uniform"
low = 0.01
high = 0.03

[uncertainty.b]
parameter = "lines.staffing.base"
distribution = "normal"
mean = 10.0
sd = 0.5
low = 9.0
)"));
  for (const std::string& settings :
       {test::triangular(0.01, 0.02, 0.03), test::pert(0.01, 0.01, 0.03), test::normal(0.02, 0.0),
        test::lognormal(0.02, 0.1), test::uniform(0.02, 0.02)}) {
    CAPTURE(settings);
    check_valid(check_pay(settings));
  }
}

TEST_CASE("an unknown distribution is named with the known ones and a suggestion")
{
  const Diagnostic problem = only_problem(check_pay(R"(distribution = "trianglar"
low = 0.01
mode = 0.02
high = 0.03
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 17, 16}); // the value after "distribution = "
  CHECK(problem.message
        == "'uncertainty.pay.distribution' = \"trianglar\" is not a distribution (one of "
           "lognormal, normal, pert, triangular, uniform); did you mean 'triangular'?");
}

TEST_CASE("a distribution's settings must all be there, and only those")
{
  SUBCASE("a missing setting is reported at the input's table")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "triangular"
low = 0.01
high = 0.03
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 15, 14}); // "pay" in [uncertainty.pay]
    CHECK(problem.message == "'uncertainty.pay' is a triangular distribution, so it needs 'mode'");
  }
  SUBCASE("a setting of another distribution is reported where it is")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "uniform"
low = 0.01
mode = 0.02
high = 0.03
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 19, 8}); // the value after "mode = "
    CHECK(problem.message
          == "'uncertainty.pay.mode' is not a setting of a uniform distribution (it takes low, "
             "high)");
  }
  SUBCASE("parameter and distribution are required")
  {
    const LoadResult result = check_with("[uncertainty.pay]\nlow = 0.01\nhigh = 0.03\n");
    INFO(rendered(result));
    CHECK_FALSE(result.scenario);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(mentions(result.diagnostics[0], "uncertainty.pay.parameter"));
    CHECK(mentions(result.diagnostics[1], "uncertainty.pay.distribution"));
  }
  SUBCASE("a misspelt setting is an unknown key with a suggestion")
  {
    const LoadResult result = check_pay(R"(distribution = "triangular"
low = 0.01
mdoe = 0.02
high = 0.03
)");
    INFO(rendered(result));
    CHECK_FALSE(result.scenario);
    // The misspelt key is unknown, and so the triangular distribution lacks its mode.
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 15, 14}); // "pay" in the header
    CHECK(result.diagnostics[0].message
          == "'uncertainty.pay' is a triangular distribution, so it needs 'mode'");
    CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 19, 1});
    CHECK(result.diagnostics[1].message
          == "unknown key 'mdoe' in [uncertainty.pay]; did you mean 'mode'?");
  }
}

TEST_CASE("low, mode and high must be in order")
{
  SUBCASE("a mode below low")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "triangular"
low = 0.02
mode = 0.01
high = 0.03
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 19, 8});
    CHECK(problem.message == "'uncertainty.pay.mode' = 0.01 is below 'uncertainty.pay.low' = 0.02");
  }
  SUBCASE("a high below the mode")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "pert"
low = 0.01
mode = 0.04
high = 0.03
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 20, 8}); // the value after "high = "
    CHECK(problem.message
          == "'uncertainty.pay.high' = 0.03 is below 'uncertainty.pay.mode' = 0.04");
  }
  SUBCASE("a uniform's high below its low")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "uniform"
low = 0.03
high = 0.01
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 19, 8});
    CHECK(mentions(problem, "is below 'uncertainty.pay.low' = 0.03"));
  }
}

TEST_CASE("spreads must not be negative and a lognormal's median must be positive")
{
  SUBCASE("a negative sd")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "normal"
mean = 0.02
sd = -0.01
)"));
    CHECK(problem.pos == SourcePos{"test.toml", 19, 6}); // the value after "sd = "
    CHECK(problem.message == "'uncertainty.pay.sd' = -0.01 must not be negative");
  }
  SUBCASE("a negative sigma")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "lognormal"
median = 0.02
sigma = -0.1
)"));
    CHECK(problem.pos.line == 19);
    CHECK(problem.message == "'uncertainty.pay.sigma' = -0.1 must not be negative");
  }
  SUBCASE("a median of 0")
  {
    const Diagnostic problem = only_problem(check_pay(R"(distribution = "lognormal"
median = 0.0
sigma = 0.1
)"));
    CHECK(problem.pos.line == 18);
    CHECK(mentions(problem, "must be above 0"));
  }
}

TEST_CASE("a parameter takes one distribution")
{
  const Diagnostic problem = only_problem(check_with(R"([uncertainty.pay]
parameter = "indices.pay.default"
distribution = "uniform"
low = 0.01
high = 0.03

[uncertainty.pay_again]
parameter = "indices.pay.default"
distribution = "uniform"
low = 0.01
high = 0.03
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 22, 13}); // the second "parameter = " value
  CHECK(problem.message
        == "'indices.pay.default' is already given a distribution by 'uncertainty.pay'");
}

TEST_CASE("the correlation matrix is square, symmetric, 1 on the diagonal and in [-1, 1]")
{
  // k_two_inputs takes lines 15 to 26; [correlation] starts on line 28, its matrix's
  // value on line 30, column 10 (after "matrix = ").
  const auto correlation = [](const std::string& order, const std::string& matrix) {
    return check_with(k_two_inputs + "\n[correlation]\norder = " + order + "\nmatrix = " + matrix
                      + "\n");
  };
  SUBCASE("a valid matrix")
  {
    check_valid(correlation(R"(["pay", "staffing"])", "[[1.0, 0.5], [0.5, 1.0]]"));
  }
  SUBCASE("more rows than inputs named")
  {
    const Diagnostic problem =
      only_problem(correlation(R"(["pay", "staffing"])", "[[1.0, 0.5], [0.5, 1.0], [0.0, 0.0]]"));
    CHECK(problem.pos == SourcePos{"test.toml", 30, 10});
    CHECK(problem.message
          == "'correlation.matrix' has 3 rows, but 'correlation.order' names 2 inputs; the "
             "matrix is square");
  }
  SUBCASE("a short row")
  {
    const Diagnostic problem =
      only_problem(correlation(R"(["pay", "staffing"])", "[[1.0, 0.5], [0.5]]"));
    CHECK(problem.pos == SourcePos{"test.toml", 30, 10});
    CHECK(mentions(problem, "row 2 of 'correlation.matrix' has 1 entries"));
  }
  SUBCASE("not symmetric")
  {
    const Diagnostic problem =
      only_problem(correlation(R"(["pay", "staffing"])", "[[1.0, 0.5], [0.4, 1.0]]"));
    CHECK(problem.pos == SourcePos{"test.toml", 30, 17}); // entry (1, 2): "0.5"
    CHECK(problem.message
          == "'correlation.matrix[1][2]' = 0.5 differs from 'correlation.matrix[2][1]' = 0.4: "
             "the matrix is symmetric");
  }
  SUBCASE("a diagonal entry that is not 1")
  {
    const Diagnostic problem =
      only_problem(correlation(R"(["pay", "staffing"])", "[[1.0, 0.5], [0.5, 0.9]]"));
    CHECK(problem.pos == SourcePos{"test.toml", 30, 29}); // entry (2, 2): "0.9"
    CHECK(problem.message
          == "'correlation.matrix[2][2]' = 0.9: an input's correlation with itself is 1");
  }
  SUBCASE("entries out of range")
  {
    const LoadResult result = correlation(R"(["pay", "staffing"])", "[[1.0, 1.5], [1.5, 1.0]]");
    INFO(rendered(result));
    CHECK_FALSE(result.scenario);
    REQUIRE(result.diagnostics.size() == 2); // both (1, 2) and (2, 1)
    CHECK(result.diagnostics[0].message
          == "'correlation.matrix[1][2]' = 1.5 is out of range: a correlation is between -1 and "
             "1");
    CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 30, 24});
  }
  SUBCASE("an order naming an unknown input, with a suggestion")
  {
    const Diagnostic problem =
      only_problem(correlation(R"(["pay", "stafing"])", "[[1.0, 0.5], [0.5, 1.0]]"));
    CHECK(problem.pos == SourcePos{"test.toml", 29, 17}); // "stafing" in order = [...]
    CHECK(problem.message
          == "no uncertain input named 'stafing' is defined; did you mean 'staffing'?");
  }
  SUBCASE("an order naming an input twice")
  {
    const LoadResult result = correlation(R"(["pay", "pay"])", "[[1.0, 0.5], [0.5, 1.0]]");
    INFO(rendered(result));
    CHECK_FALSE(result.scenario);
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(mentions(result.diagnostics.front(), "'correlation.order' lists 'pay' twice"));
  }
}

TEST_CASE("an uncertain input must name a parameter of the compiled model")
{
  // Validation cannot know every address (the model compiles them), so read_model_text
  // checks them.
  const ModelLoad loaded = read_model_text(k_valid + R"([uncertainty.pay]
parameter = "indices.pay.defualt"
distribution = "uniform"
low = 0.01
high = 0.03
)",
                                           "test.toml");
  CHECK_FALSE(loaded.model);
  REQUIRE(loaded.diagnostics.size() == 1);
  const Diagnostic& problem = loaded.diagnostics.front();
  CHECK(problem.pos == SourcePos{"test.toml", 16, 13}); // the value after "parameter = "
  CHECK(problem.message
        == "'uncertainty.pay.parameter' = \"indices.pay.defualt\" names no parameter of the "
           "scenario (carecast params lists them); did you mean 'indices.pay.default'?");
}

TEST_CASE("a valid scenario with uncertainty compiles its inputs and correlations")
{
  const ModelLoad loaded = read_model_text(k_valid + k_two_inputs
                                             + "\n[correlation]\norder = [\"staffing\", \"pay\"]\n"
                                               "matrix = [[1.0, -0.3], [-0.3, 1.0]]\n",
                                           "test.toml");
  REQUIRE(loaded.model);
  const Model& model = *loaded.model;
  REQUIRE(model.inputs().size() == 2);
  CHECK(model.parameters()[model.inputs()[0].parameter].path == "indices.pay.default");
  CHECK(model.inputs()[0].distribution.kind == DistributionKind::triangular);
  CHECK(model.inputs()[1].distribution.high == 11.0);
  // The matrix is stated in its own order; the model holds it in the inputs' order.
  REQUIRE(model.correlation().rows() == 2);
  CHECK(model.correlation()(0, 1) == -0.3);
  CHECK(model.correlation()(1, 0) == -0.3);
  CHECK(model.correlation()(0, 0) == 1.0);
}

TEST_CASE("an uncertain input may not name a derived parameter")
{
  // 2022/23 rolls forward from 2021/22: its start is worked out for each draw.
  const ModelLoad loaded = read_model_text(k_valid + R"([budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
[budget.years."2022/23"]
demand = { kind = "demand", value = 1.0 }
[uncertainty.start]
parameter = "budget.years.2022/23.rolled_forward"
distribution = "uniform"
low = 9.0
high = 11.0
)",
                                           "test.toml");
  CHECK_FALSE(loaded.model);
  REQUIRE(loaded.diagnostics.size() == 1);
  const Diagnostic& problem = loaded.diagnostics.front();
  CHECK(problem.pos == SourcePos{"test.toml", 22, 13});
  CHECK(problem.message
        == "'uncertainty.start.parameter' = \"budget.years.2022/23.rolled_forward\" is derived "
           "from other parameters, not an input: give the distribution to the figures it is "
           "worked out from");
}
