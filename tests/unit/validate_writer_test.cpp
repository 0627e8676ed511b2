#include "carecast/validate_writer.hpp"

#include "json_reader.hpp"

#include <doctest/doctest.h>

using namespace carecast;
using carecast::test::Json;
using carecast::test::parse;

namespace {

// One valid file, and one with a located problem in the file it extends and one in
// itself that cannot be located (line and column 0).
ValidationReport mixed()
{
  ScenarioCheck good{"good.toml", true, "2021/22", "2026/27", 9, 1, {}};
  ScenarioCheck bad{"bad.toml", false, {}, {}, 0, 0, {}};
  bad.errors.push_back({{"base.toml", 3, 7}, "unknown key \"x\""});
  bad.errors.push_back({{"bad.toml", 0, 0}, "=cannot read"});
  return {{good, bad}};
}

} // namespace

TEST_CASE("validate's table lists each valid file, in the words of one line and one option")
{
  CHECK(write_terminal(mixed(), 80)
        == "good.toml: valid (2021/22 to 2026/27, 9 lines, 1 option)\n");
}

TEST_CASE(
  "validate's JSON has every file, null span and size when invalid, null line when unlocated")
{
  const std::string json = write_json(mixed());
  // The reader keeps no boolean's value: the text says which.
  CHECK(json.find("\"file\": \"good.toml\", \"valid\": true,") != std::string::npos);
  CHECK(json.find("\"file\": \"bad.toml\", \"valid\": false,") != std::string::npos);
  const std::optional<Json> document = parse(json);
  REQUIRE(document);
  const Json& scenarios = (*document)["scenarios"];
  REQUIRE(scenarios.items.size() == 2);
  const Json& good = scenarios.items[0];
  CHECK(good["file"].text == "good.toml");
  CHECK(good["valid"].type == Json::Type::boolean);
  CHECK(good["first_year"].text == "2021/22");
  CHECK(good["lines"].number == 9);
  CHECK(good["errors"].items.empty());
  const Json& bad = scenarios.items[1];
  CHECK(bad["first_year"].type == Json::Type::null);
  CHECK(bad["options"].type == Json::Type::null);
  REQUIRE(bad["errors"].items.size() == 2);
  const Json& located = bad["errors"].items[0];
  CHECK(located["file"].text == "base.toml");
  CHECK(located["line"].number == 3);
  CHECK(located["column"].number == 7);
  CHECK(located["message"].text == "unknown key \"x\"");
  CHECK(bad["errors"].items[1]["line"].type == Json::Type::null);
}

TEST_CASE("validate's CSV has a valid file's row and a row per problem, text neutralised")
{
  CHECK(write_csv(mixed())
        == "file,valid,first_year,last_year,lines,options,error_file,line,column,message\n"
           "good.toml,1,2021/22,2026/27,9,1,,,,\n"
           "bad.toml,0,,,,,base.toml,3,7,\"unknown key \"\"x\"\"\"\n"
           "bad.toml,0,,,,,bad.toml,,,'=cannot read\n");
}
