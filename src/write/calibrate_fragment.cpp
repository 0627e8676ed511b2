#include "carecast/calibrate_writer.hpp"

#include "carecast/csv_table.hpp"
#include "carecast/toml_text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

std::string number(double value)
{
  return fmt::format("{:.6g}", value == 0.0 ? 0.0 : value);
}

std::string value_line(std::string_view key, const std::string& value, const std::string& source)
{
  return fmt::format("{} = {{ value = {}, source = {} }}\n", key, value, toml_string(source));
}

std::string span(const FittedSeries& series)
{
  return fmt::format("from {} to {}", to_string(series.dates.front()),
                     to_string(series.dates.back()));
}

std::string header(const Calibration& calibration)
{
  return fmt::format("# Fitted by carecast calibrate from {}.\n"
                     "# Paste into a scenario, or put extends = \"SCENARIO.toml\" above it to "
                     "make a variant\n"
                     "# (a variant may only set keys that its base already has).\n",
                     calibration.file);
}

std::string trend_fragment(const Calibration& calibration, const TrendCalibration& trend,
                           std::string_view index)
{
  const std::string source = fmt::format(
    "carecast calibrate {}: log-linear least squares over {} counts {}, R² = {:.3f}",
    calibration.file, trend.series.observed.size(), span(trend.series), trend.series.r_squared);
  const std::string table =
    index.empty() ? std::string("[ladder.entries]") : fmt::format("[indices.{}]", toml_key(index));
  return fmt::format(
    "{}\n{}\n{}", header(calibration), table,
    value_line(index.empty() ? "growth" : "default", number(trend.fit.growth()), source));
}

std::string steps_text(const LadderCalibration& ladder)
{
  return fmt::format("{} {} steps {}", ladder.closing.front().observed.size(),
                     ladder.step_months == 1 ? "monthly" : "yearly", span(ladder.closing.front()));
}

// Shares to 6 significant digits that add up to 1 as written: the largest takes up what
// rounding the others leaves, so the sum stays within the format's tolerance.
std::vector<std::string> written_shares(const Eigen::VectorXd& shares)
{
  Eigen::Index largest = 0;
  shares.maxCoeff(&largest);
  std::vector<std::string> written(static_cast<std::size_t>(shares.size()));
  double others = 0.0;
  for (Eigen::Index i = 0; i < shares.size(); ++i) {
    if (i != largest) {
      written[static_cast<std::size_t>(i)] = number(shares(i));
      others += *parse_number(written[static_cast<std::size_t>(i)]);
    }
  }
  written[static_cast<std::size_t>(largest)] = number(1.0 - others);
  return written;
}

std::string entries_table(const Calibration& calibration, const LadderCalibration& ladder)
{
  const std::string per_year = fmt::format(
    "carecast calibrate {}: a year of entries at the log-linear trend's value for {}, over {}",
    calibration.file, to_string(ladder.entries.dates.back()), steps_text(ladder));
  const std::string growth =
    fmt::format("carecast calibrate {}: log-linear least squares over {} entries {}, R² = {:.3f}",
                calibration.file, ladder.entries.observed.size(), span(ladder.entries),
                ladder.entries.r_squared);
  return "[ladder.entries]\n" + value_line("per_year", number(ladder.per_year), per_year)
         + value_line("growth", number(ladder.entries_trend.growth()), growth);
}

std::string type_table(const Calibration& calibration, const LadderCalibration& ladder,
                       std::size_t i, const std::string& share)
{
  const auto at = static_cast<Eigen::Index>(i);
  const std::string fit = fmt::format("carecast calibrate {}: least squares over {}",
                                      calibration.file, steps_text(ladder));
  return fmt::format("\n[ladder.types.{}]\n{}{}", toml_key(ladder.types[i]),
                     value_line("entry_share", share,
                                fmt::format("{}, normalised from shares adding up to {}", fit,
                                            number(ladder.share_sum))),
                     value_line("exit_rate", number(ladder.annual.exits(at)),
                                fmt::format("{}, converted to an annual rate", fit)));
}

std::string moves_table(const Calibration& calibration, const LadderCalibration& ladder)
{
  std::string text = fmt::format(
    "\n[ladder.moves]\nsource = {}\n",
    toml_string(fmt::format("carecast calibrate {}: least squares over {}, converted to annual "
                            "rates; columns in the order {}",
                            calibration.file, steps_text(ladder), fmt::join(ladder.types, ", "))));
  for (std::size_t i = 0; i < ladder.types.size(); ++i) {
    std::vector<std::string> rates;
    for (Eigen::Index j = 0; j < ladder.annual.moves.cols(); ++j) {
      rates.push_back(number(ladder.annual.moves(static_cast<Eigen::Index>(i), j)));
    }
    text += fmt::format("{} = [{}]\n", toml_key(ladder.types[i]), fmt::join(rates, ", "));
  }
  return text;
}

std::string ladder_fragment(const Calibration& calibration, const LadderCalibration& ladder)
{
  std::string text = header(calibration) + "\n" + entries_table(calibration, ladder);
  const std::vector<std::string> shares = written_shares(ladder.shares);
  for (std::size_t i = 0; i < ladder.types.size(); ++i) {
    text += type_table(calibration, ladder, i, shares[i]);
  }
  return text + moves_table(calibration, ladder);
}

} // namespace

std::string write_fragment(const Calibration& calibration, std::string_view index)
{
  if (const auto* trend = std::get_if<TrendCalibration>(&calibration.fit)) {
    return trend_fragment(calibration, *trend, index);
  }
  return ladder_fragment(calibration, std::get<LadderCalibration>(calibration.fit));
}

} // namespace carecast
