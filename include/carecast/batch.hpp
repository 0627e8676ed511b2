#pragma once

// Batch runs: many scenario files compared in one go, for CI. The files a batch runs,
// and the summary of each scenario's options.

#include "carecast/report.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

// The name of a batch's summary, beside the scenarios' CSVs, and of the same summary
// in JSON with how each scenario's run went.
inline constexpr std::string_view k_summary_file = "summary.csv";
inline constexpr std::string_view k_summary_json_file = "summary.json";

struct BatchFiles
{
  std::vector<std::filesystem::path> files; // sorted, each once
  std::vector<std::string> problems;        // paths that are not there, say
};

// Each path that is a file, and the .toml files directly inside each path that is a
// directory, sorted. Two files of the same name (their outputs would collide), a file
// whose output would take the summary's name, a path that does not exist and a
// directory without scenarios are problems.
BatchFiles batch_files(const std::vector<std::string>& paths);

struct BatchSummaryRow
{
  std::string scenario;
  std::string option;
  double horizon_total = 0.0; // the option's cost summed over the years
  double net_present_cost = 0.0;
  std::string cheapest; // the scenario's option with the lowest net present cost
};

// One row per option of a compare report (compare_report).
std::vector<BatchSummaryRow> batch_summary_rows(const Report& compare);

// How one scenario file of a batch went.
struct BatchRun
{
  std::string file;                 // as found
  std::string scenario;             // the file's name without .toml
  std::string status;               // as the status list reads: "ok", "gate failed", ...
  int exit_code = 0;                // the run's exit code, had it run alone
  std::string csv;                  // the CSV written; empty when none was
  std::vector<std::string> reasons; // each problem, failure or failed gate, in order
};

// A batch's summary: each written scenario's rows, in file order (summary.csv), and
// each file's run (summary.json adds them).
struct BatchSummary
{
  std::vector<BatchSummaryRow> rows;
  std::vector<BatchRun> runs;
};

} // namespace carecast
