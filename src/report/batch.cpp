#include "carecast/batch.hpp"

#include "carecast/file_names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace carecast {

BatchFiles batch_files(const std::vector<std::string>& paths)
{
  namespace fs = std::filesystem;
  BatchFiles result;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::path file = file_path(path);
    if (fs::is_directory(file, error)) {
      const std::size_t before = result.files.size();
      for (const fs::directory_entry& entry : fs::directory_iterator(file, error)) {
        if (entry.path().extension() == ".toml" && entry.is_regular_file(error)) {
          result.files.push_back(entry.path());
        }
      }
      if (result.files.size() == before) {
        result.problems.push_back(fmt::format("{}: a directory without .toml files", path));
      }
    } else if (fs::is_regular_file(file, error)) {
      result.files.push_back(file);
    } else {
      result.problems.push_back(fmt::format("{}: no such file or directory", path));
    }
  }
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  std::map<std::string, fs::path> by_name;
  for (const fs::path& file : result.files) {
    if (file.stem().string() + ".csv" == k_summary_file) {
      result.problems.push_back(fmt::format("{} would write {}, the name of the batch's summary; "
                                            "rename the scenario",
                                            file.string(), k_summary_file));
    }
    const auto [found, added] = by_name.emplace(file.stem().string(), file);
    if (!added) {
      result.problems.push_back(fmt::format("{} and {} would both write {}.csv",
                                            found->second.string(), file.string(),
                                            file.stem().string()));
    }
  }
  return result;
}

std::vector<BatchSummaryRow> batch_summary_rows(const Report& compare)
{
  const std::string total(k_total_line);
  const std::string all(k_all_years);
  std::vector<BatchSummaryRow> rows;
  for (const Label& option : compare.options) {
    BatchSummaryRow row{compare.scenario, option.id, 0.0, 0.0, {}};
    for (const std::string& year : compare.years) {
      row.horizon_total += *compare.find(option.id, year, total, "cost");
    }
    row.net_present_cost = *compare.find(option.id, all, total, "npc");
    rows.push_back(row);
  }
  if (rows.empty()) {
    return rows;
  }
  const auto cheapest =
    std::min_element(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.net_present_cost < b.net_present_cost;
    });
  for (BatchSummaryRow& row : rows) {
    row.cheapest = cheapest->option;
  }
  return rows;
}

} // namespace carecast
