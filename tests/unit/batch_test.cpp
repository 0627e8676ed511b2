// Batch runs: which files a batch runs, and the summary of a compare report.

#include "carecast/batch.hpp"
#include "carecast/writers.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <string>
#include <vector>

using carecast::BatchFiles;
using carecast::Report;

namespace {

void touch(const fs::path& path)
{
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "";
}

} // namespace

TEST_CASE("batch_files takes files as named and a directory's .toml files, sorted, once")
{
  TempDir dir;
  touch(dir.path() / "folder" / "b.toml");
  touch(dir.path() / "folder" / "a.toml");
  touch(dir.path() / "folder" / "notes.txt");
  touch(dir.path() / "folder" / "deeper" / "c.toml"); // not recursive
  touch(dir.path() / "z.toml");
  const std::string folder = (dir.path() / "folder").string();
  const BatchFiles found =
    carecast::batch_files({(dir.path() / "z.toml").string(), folder, folder + "/a.toml"});
  CHECK(found.problems.empty());
  CHECK(found.files
        == std::vector<fs::path>{dir.path() / "folder" / "a.toml", dir.path() / "folder" / "b.toml",
                                 dir.path() / "z.toml"});
}

TEST_CASE("batch_files names a missing path, an empty directory and clashing names")
{
  TempDir dir;
  touch(dir.path() / "one" / "same.toml");
  touch(dir.path() / "two" / "same.toml");
  fs::create_directories(dir.path() / "empty");
  const BatchFiles found = carecast::batch_files(
    {(dir.path() / "one").string(), (dir.path() / "two").string(), (dir.path() / "empty").string(),
     (dir.path() / "missing.toml").string()});
  REQUIRE(found.problems.size() == 3);
  CHECK(found.problems[0] == (dir.path() / "empty").string() + ": a directory without .toml files");
  CHECK(found.problems[1]
        == (dir.path() / "missing.toml").string() + ": no such file or directory");
  CHECK(found.problems[2]
        == (dir.path() / "one" / "same.toml").string() + " and "
             + (dir.path() / "two" / "same.toml").string() + " would both write same.csv");
}

TEST_CASE("batch_files refuses a scenario whose CSV would take the summary's name")
{
  TempDir dir;
  touch(dir.path() / "summary.toml");
  touch(dir.path() / "dcst.toml");
  const BatchFiles found = carecast::batch_files({dir.path().string()});
  REQUIRE(found.problems.size() == 1);
  CHECK(found.problems[0]
        == (dir.path() / "summary.toml").string()
             + " would write summary.csv, the name of the batch's summary; rename the scenario");
}

TEST_CASE("the summary has each option's horizon total and net present cost, and the cheapest")
{
  Report compare;
  compare.scenario = "s";
  compare.options = {{"a", ""}, {"b", ""}};
  compare.years = {"2022/23", "2023/24"};
  compare.rows = {{"a", "2022/23", "total", "cost", 10.0}, {"a", "2023/24", "total", "cost", 11.5},
                  {"a", "all", "total", "npc", 20.0},      {"b", "2022/23", "total", "cost", 12.0},
                  {"b", "2023/24", "total", "cost", 9.0},  {"b", "all", "total", "npc", 19.5}};
  const std::vector<carecast::BatchSummaryRow> rows = carecast::batch_summary_rows(compare);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].horizon_total == 21.5); // 10 + 11.5
  CHECK(rows[1].horizon_total == 21.0); // 12 + 9
  CHECK(rows[0].net_present_cost == 20.0);
  CHECK(rows[0].cheapest == "b"); // 19.5 < 20: by net present cost, not by the total
  CHECK(rows[1].cheapest == "b");
  CHECK(carecast::write_csv(carecast::BatchSummary{rows, {}})
        == "scenario,option,horizon_total,net_present_cost,cheapest\n"
           "s,a,21.5,20,b\n"
           "s,b,21,19.5,b\n");
}
