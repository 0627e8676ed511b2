#include "carecast/calibrate_writer.hpp"

#include "carecast/report.hpp"
#include "carecast/writers.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace carecast {
namespace {

struct Row
{
  std::string year;
  std::string line;
  std::string measure;
  double value = 0.0;
};

using Rows = std::vector<Row>;

void add_statistics(Rows& rows, const FittedSeries& series)
{
  const std::string all(k_all_years);
  rows.push_back({all, series.name, "r_squared", series.r_squared});
  rows.push_back({all, series.name, "points", static_cast<double>(series.observed.size())});
}

void add_points(Rows& rows, const FittedSeries& series)
{
  for (std::size_t k = 0; k < series.dates.size(); ++k) {
    const auto at = static_cast<Eigen::Index>(k);
    const std::string date = to_string(series.dates[k]);
    rows.push_back({date, series.name, "observed", series.observed(at)});
    rows.push_back({date, series.name, "fitted", series.fitted(at)});
    rows.push_back({date, series.name, "residual", series.residuals(at)});
  }
}

Rows trend_rows(const TrendCalibration& trend, std::string_view index)
{
  const std::string all(k_all_years);
  Rows rows{{all, growth_address(index), "value", trend.fit.growth()},
            {all, trend.series.name, "slope", trend.fit.slope}};
  add_statistics(rows, trend.series);
  add_points(rows, trend.series);
  return rows;
}

void add_type_parameters(Rows& rows, const LadderCalibration& ladder, Eigen::Index i)
{
  const std::string all(k_all_years);
  const std::string& type = ladder.types[static_cast<std::size_t>(i)];
  const std::string prefix = fmt::format("ladder.types.{}.", type);
  rows.push_back({all, prefix + "entry_share", "value", ladder.shares(i)});
  rows.push_back({all, prefix + "entry_share", "raw", ladder.fit.raw_shares(i)});
  rows.push_back({all, prefix + "exit_rate", "value", ladder.annual.exits(i)});
  rows.push_back({all, prefix + "exit_rate", "per_step", 1.0 - ladder.fit.step.row(i).sum()});
  for (Eigen::Index j = 0; j < ladder.fit.step.cols(); ++j) {
    const std::string address =
      fmt::format("ladder.moves.{}.{}", type, ladder.types[static_cast<std::size_t>(j)]);
    rows.push_back({all, address, "value", ladder.annual.moves(i, j)});
    rows.push_back({all, address, "per_step", ladder.fit.step(i, j)});
  }
}

Rows ladder_rows(const LadderCalibration& ladder)
{
  const std::string all(k_all_years);
  Rows rows{{all, "ladder.entries.per_year", "value", ladder.per_year},
            {all, "ladder.entries.growth", "value", ladder.entries_trend.growth()}};
  for (Eigen::Index i = 0; i < ladder.fit.step.rows(); ++i) {
    add_type_parameters(rows, ladder, i);
  }
  add_statistics(rows, ladder.entries);
  rows.push_back({all, ladder.entries.name, "share_sum", ladder.share_sum});
  for (const FittedSeries& series : ladder.closing) {
    add_statistics(rows, series);
  }
  add_points(rows, ladder.entries);
  for (const FittedSeries& series : ladder.closing) {
    add_points(rows, series);
  }
  return rows;
}

Rows rows_of(const Calibration& calibration, std::string_view index)
{
  if (const auto* trend = std::get_if<TrendCalibration>(&calibration.fit)) {
    return trend_rows(*trend, index);
  }
  return ladder_rows(std::get<LadderCalibration>(calibration.fit));
}

std::string json_warnings(const std::vector<Diagnostic>& warnings)
{
  std::vector<std::string> objects;
  for (const Diagnostic& warning : warnings) {
    objects.push_back(fmt::format(
      "{{\"location\": {}, \"message\": {}}}",
      json_string(fmt::format("{}:{}:{}", warning.pos.file, warning.pos.line, warning.pos.column)),
      json_string(warning.message)));
  }
  return objects.empty() ? "[]" : fmt::format("[\n    {}\n  ]", fmt::join(objects, ",\n    "));
}

} // namespace

std::string growth_address(std::string_view index)
{
  return index.empty() ? "ladder.entries.growth" : fmt::format("indices.{}.default", index);
}

std::string write_csv(const Calibration& calibration, std::string_view index)
{
  const std::string scenario = std::filesystem::path(calibration.file).stem().string();
  std::string text = std::string(k_csv_header) + "\n";
  for (const Row& row : rows_of(calibration, index)) {
    text += csv_record({scenario, "", row.year, row.line, row.measure, full_precision(row.value)});
  }
  return text;
}

std::string write_json(const Calibration& calibration, std::string_view index,
                       const std::optional<std::string>& fragment)
{
  const auto* ladder = std::get_if<LadderCalibration>(&calibration.fit);
  std::vector<std::string> rows;
  for (const Row& row : rows_of(calibration, index)) {
    rows.push_back(fmt::format("{{\"year\": {}, \"line\": {}, \"measure\": {}, \"value\": {}}}",
                               json_string(row.year), json_string(row.line),
                               json_string(row.measure), full_precision(row.value)));
  }
  return fmt::format("{{\n  \"history\": {},\n  \"kind\": {},\n  \"step_months\": {},\n"
                     "  \"rows\": [\n    {}\n  ],\n  \"warnings\": {},\n  \"fragment\": {}\n}}\n",
                     json_string(calibration.file), json_string(ladder ? "ladder" : "trend"),
                     ladder ? std::to_string(ladder->step_months) : "null",
                     fmt::join(rows, ",\n    "), json_warnings(calibration.warnings),
                     fragment ? json_string(*fragment) : "null");
}

std::string write_csv(const CalibrationReport& report)
{
  return write_csv(report.calibration, report.index);
}

std::string write_json(const CalibrationReport& report)
{
  return write_json(report.calibration, report.index,
                    report.calibration.refusals.empty()
                      ? std::optional(write_fragment(report.calibration, report.index))
                      : std::nullopt);
}

std::string write_terminal(const CalibrationReport& report, std::size_t width)
{
  if (!report.calibration.refusals.empty()) {
    return write_terminal(report.calibration, width)
           + "\nNo TOML fragment: a scenario does not accept the fitted figures (see the errors "
             "on stderr)\n";
  }
  const std::string where =
    report.fragment_path.empty()
      ? "\nTOML fragment (write it to a file with -o FILE)\n\n"
          + write_fragment(report.calibration, report.index)
      : fmt::format("\nTOML fragment written to {}\n", report.fragment_path);
  return write_terminal(report.calibration, width) + where;
}

} // namespace carecast
