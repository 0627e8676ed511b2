#include "carecast/params.hpp"
#include "carecast/text_table.hpp"
#include "carecast/params_writer.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// 2022/23 rolls forward from 2021/22's 10.0, one-off 0.5 removed: by hand, 10.0.
const std::string k_rolling = R"(
[scenario]
name = "Params test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 1.0
[budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
review = { value = 0.5, one_off = true }
[budget.years."2022/23"]
demand = { kind = "demand", value = 1.0 }
[options.o]
name = "O"
)";

const ParameterEntry& entry(const ParameterList& list, const std::string& path)
{
  for (const ParameterEntry& found : list.entries) {
    if (found.path == path) {
      return found;
    }
  }
  FAIL("no parameter ", path);
  return list.entries.front();
}

} // namespace

TEST_CASE("a rolled-forward step is listed as derived, with the value the scenario gives")
{
  const ParameterList list = parameter_list(test::model_from(k_rolling), "test");
  const ParameterEntry& rolled = entry(list, "budget.years.2022/23.rolled_forward");
  CHECK(rolled.derived);
  CHECK(rolled.value == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(rolled.location == "test.toml:13"); // the year's table
  CHECK_FALSE(entry(list, "budget.years.2022/23.demand").derived);
}

TEST_CASE("params CSV ends each row with derived as 1 or 0, and the table says derived")
{
  const ParameterList list = parameter_list(test::model_from(k_rolling), "test");
  const std::string csv = write_csv(list);
  CHECK(csv.rfind("scenario,path,value,unit,location,source,assumption,distribution,derived\n", 0)
        == 0);
  CHECK(csv.find("test,budget.years.2022/23.demand,1,£m,test.toml:14,,,,0\n") != std::string::npos);
  CHECK(write_json(list).find("\"derived\": true") != std::string::npos);
  CHECK(write_terminal(list, carecast::k_default_width).find("derived, not an input") != std::string::npos);
}
