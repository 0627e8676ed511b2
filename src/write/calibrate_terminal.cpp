#include "carecast/calibrate_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

using Align = TextTable::Align;

// A statistic as tables show it: 4 decimals, never "-0.0000".
std::string four_decimals(double value)
{
  const std::string text = fmt::format("{:.4f}", value);
  return text == "-0.0000" ? "0.0000" : text;
}

// A rate, share or probability as tables show it: a percentage to 2 decimals (the
// fragment below the tables has the fraction in full), never "-0.00%".
std::string percent(double value)
{
  const std::string text = fmt::format("{:.2f}%", value * 100.0);
  return text == "-0.00%" ? "0.00%" : text;
}

std::string span(const FittedSeries& series)
{
  return fmt::format("from {} to {}", to_string(series.dates.front()),
                     to_string(series.dates.back()));
}

// The observed and fitted values of each date, with the residual.
std::string points_table(const FittedSeries& series, std::size_t width)
{
  TextTable table;
  table.add_column("Date", Align::left);
  table.add_column("Observed", Align::right);
  table.add_column("Fitted", Align::right);
  table.add_column("Residual", Align::right);
  for (std::size_t k = 0; k < series.dates.size(); ++k) {
    const auto at = static_cast<Eigen::Index>(k);
    table.add_row({to_string(series.dates[k]), two_decimals(series.observed(at)),
                   two_decimals(series.fitted(at)), two_decimals(series.residuals(at))});
  }
  return table.render(width);
}

std::string trend_text(const Calibration& calibration, const TrendCalibration& trend,
                       std::size_t width)
{
  const FittedSeries& series = trend.series;
  const std::string first = to_string(series.dates.front());
  TextTable fit;
  fit.add_column("Fit", Align::left);
  fit.add_column("Value", Align::right);
  fit.add_column("Meaning", Align::left, TextTable::Fit::wrap);
  fit.add_row({"annual growth", percent(trend.fit.growth()), "e^b - 1: the fragment's rate"});
  fit.add_row({"b", four_decimals(trend.fit.slope), "slope of ln N a year"});
  fit.add_row({"a", four_decimals(trend.fit.intercept), "ln N on the trend at " + first});
  fit.add_row({"R²", four_decimals(series.r_squared), "of ln N"});
  fit.add_row({"points", std::to_string(series.observed.size()), "dated counts"});
  return wrapped(fmt::format("Trend of {} in {}", series.name, calibration.file), 0, 0, width)
         + wrapped(fmt::format("ln N = a + b t, t in years since {}, fitted by least squares to "
                               "{} counts {}.",
                               first, series.observed.size(), span(series)),
                   0, 0, width)
         + "\n" + fit.render(width) + "\nCounts (residual = observed - fitted)\n"
         + points_table(series, width);
}

// One row per type, one column per type, and a last column of what is left.
std::string matrix_table(const LadderCalibration& ladder, const Eigen::MatrixXd& rates,
                         const std::vector<std::pair<std::string, Eigen::VectorXd>>& extra,
                         std::size_t width)
{
  TextTable table;
  table.add_column("From", Align::left);
  for (const std::string& type : ladder.types) {
    table.add_column(type, Align::right);
  }
  for (const auto& [heading, values] : extra) {
    table.add_column(heading, Align::right);
  }
  for (std::size_t i = 0; i < ladder.types.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    std::vector<std::string> cells{ladder.types[i]};
    for (Eigen::Index j = 0; j < rates.cols(); ++j) {
      cells.push_back(percent(rates(row, j)));
    }
    for (const auto& column : extra) {
      cells.push_back(percent(column.second(row)));
    }
    table.add_row(std::move(cells));
  }
  return table.render(width);
}

std::string types_table(const LadderCalibration& ladder, std::size_t width)
{
  TextTable table;
  table.add_column("Type", Align::left);
  table.add_column("entry_share", Align::right);
  table.add_column("Raw share", Align::right);
  table.add_column("R²", Align::right);
  table.add_column("RMS residual", Align::right);
  for (std::size_t i = 0; i < ladder.types.size(); ++i) {
    const auto at = static_cast<Eigen::Index>(i);
    const Eigen::VectorXd& residuals = ladder.closing[i].residuals;
    table.add_row(
      {ladder.types[i], percent(ladder.shares(at)), percent(ladder.fit.raw_shares(at)),
       four_decimals(ladder.closing[i].r_squared),
       two_decimals(std::sqrt(residuals.squaredNorm() / static_cast<double>(residuals.size())))});
  }
  table.add_rule();
  table.add_row({"total", percent(ladder.shares.sum()), percent(ladder.share_sum)});
  return table.render(width);
}

std::string entries_table(const LadderCalibration& ladder, std::size_t width)
{
  TextTable table;
  table.add_column("Entries", Align::left);
  table.add_column("Value", Align::right);
  table.add_column("Meaning", Align::left, TextTable::Fit::wrap);
  table.add_row(
    {"per_year", two_decimals(ladder.per_year),
     "a year of entries at the trend's value for " + to_string(ladder.entries.dates.back())});
  table.add_row({"growth", percent(ladder.entries_trend.growth()),
                 "e^b - 1 of the log-linear trend of entries"});
  table.add_row({"R²", four_decimals(ladder.entries.r_squared), "of ln entries"});
  table.add_row({"points", std::to_string(ladder.entries.observed.size()), "steps"});
  return table.render(width);
}

std::string residuals_table(const LadderCalibration& ladder, std::size_t width)
{
  TextTable table;
  table.add_column("Date", Align::left);
  for (const FittedSeries& series : ladder.closing) {
    table.add_column(series.name, Align::right);
  }
  table.add_column(ladder.entries.name, Align::right);
  for (std::size_t k = 0; k < ladder.entries.dates.size(); ++k) {
    const auto at = static_cast<Eigen::Index>(k);
    std::vector<std::string> cells{to_string(ladder.entries.dates[k])};
    for (const FittedSeries& series : ladder.closing) {
      cells.push_back(two_decimals(series.residuals(at)));
    }
    cells.push_back(two_decimals(ladder.entries.residuals(at)));
    table.add_row(std::move(cells));
  }
  return table.render(width);
}

std::string ladder_text(const Calibration& calibration, const LadderCalibration& ladder, std::size_t width)
{
  const Eigen::Index steps = ladder.entries.observed.size();
  const Eigen::VectorXd left =
    Eigen::VectorXd::Ones(ladder.fit.step.rows()) - ladder.fit.step.rowwise().sum();
  const auto paragraph = [width](const std::string& text) { return wrapped(text, 0, 0, width); };
  return paragraph("Care ladder fitted to " + calibration.file)
         + paragraph(fmt::format("closing[j] = sum over i of opening[i] x P[i][j] + entries x "
                                 "share[j], fitted by least squares to {} {} steps {}.",
                                 steps, ladder.step_months == 1 ? "monthly" : "yearly",
                                 span(ladder.entries)))
         + "\n"
         + paragraph("Step matrix P: the share of each type's children in each type a step later")
         + matrix_table(ladder, ladder.fit.step, {{"Left care", left}}, width) + "\n"
         + paragraph("Annual rates: the scenario's ladder.moves and exit_rate")
         + matrix_table(ladder, ladder.annual.moves,
                        {{"Exit", ladder.annual.exits}, {"Outflow", ladder.annual.outflow()}},
                        width)
         + "\n"
         + paragraph("Placement types: entry shares (normalised to add up to 1) and the fit of "
                     "closing counts")
         + types_table(ladder, width) + "\n" + entries_table(ladder, width) + "\n"
         + paragraph("Residuals: observed - fitted closing counts, and entries against their trend")
         + residuals_table(ladder, width);
}

} // namespace

std::string write_terminal(const Calibration& calibration, std::size_t width)
{
  if (const auto* trend = std::get_if<TrendCalibration>(&calibration.fit)) {
    return trend_text(calibration, *trend, width);
  }
  return ladder_text(calibration, std::get<LadderCalibration>(calibration.fit), width);
}

} // namespace carecast
