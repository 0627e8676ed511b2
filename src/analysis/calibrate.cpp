#include "carecast/calibrate.hpp"

#include "carecast/csv_table.hpp"
#include "fit_refusals.hpp"
#include "history.hpp"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

constexpr int k_months_per_year = 12;
// A pivot this small against the largest means the column adds nothing the others
// do not already explain.
constexpr double k_rank_threshold = 1e-9;
// What floating-point arithmetic leaves of an exact zero, or of an exact 1.
constexpr double k_rounding = 1e-9;

double r_squared(const Eigen::Ref<const Vector>& observed, const Eigen::Ref<const Vector>& fitted)
{
  const double residual = (observed - fitted).squaredNorm();
  const double total = (observed.array() - observed.mean()).matrix().squaredNorm();
  if (total > 0.0) {
    return 1.0 - residual / total;
  }
  return residual <= k_rounding * observed.squaredNorm() ? 1.0 : 0.0;
}

Eigen::ColPivHouseholderQR<Matrix> decompose(const Matrix& design)
{
  Eigen::ColPivHouseholderQR<Matrix> qr(design.rows(), design.cols());
  qr.setThreshold(k_rank_threshold);
  qr.compute(design);
  return qr;
}

double snapped(double value)
{
  return std::abs(value) < k_rounding ? 0.0 : value;
}

} // namespace

double TrendFit::growth() const
{
  return std::expm1(slope);
}

TrendFit fit_log_linear(Eigen::Ref<const Vector> years, Eigen::Ref<const Vector> counts)
{
  Matrix design(years.size(), 2);
  design.col(0).setOnes();
  design.col(1) = years;
  const Vector logs = counts.array().log().matrix();
  const Vector coefficients = decompose(design).solve(logs);
  const Vector fitted_logs = design * coefficients;
  TrendFit fit;
  fit.intercept = coefficients(0);
  fit.slope = coefficients(1);
  fit.r_squared = r_squared(logs, fitted_logs);
  fit.fitted = fitted_logs.array().exp().matrix();
  fit.residuals = counts - fit.fitted;
  return fit;
}

LadderFit fit_ladder(Eigen::Ref<const Matrix> counts, Eigen::Ref<const Vector> entries)
{
  const Eigen::Index types = counts.cols();
  const Eigen::Index steps = counts.rows() - 1;
  Matrix design(steps, types + 1);
  design.leftCols(types) = counts.topRows(steps);
  design.col(types) = entries.tail(steps);
  const Matrix closing = counts.bottomRows(steps);

  const auto qr = decompose(design);
  LadderFit fit;
  if (qr.rank() < design.cols()) {
    fit.status = FitStatus::not_identified;
    fit.dependent = qr.colsPermutation().indices()(qr.rank());
    return fit;
  }
  const Matrix coefficients = qr.solve(closing);
  fit.step = coefficients.topRows(types);
  fit.raw_shares = coefficients.row(types).transpose();
  fit.fitted = design * coefficients;
  fit.residuals = closing - fit.fitted;
  fit.r_squared.resize(types);
  for (Eigen::Index j = 0; j < types; ++j) {
    fit.r_squared(j) = r_squared(closing.col(j), fit.fitted.col(j));
  }
  return fit;
}

Vector AnnualRates::outflow() const
{
  return moves.rowwise().sum() + exits;
}

AnnualRates annual_rates(Eigen::Ref<const Matrix> step, int step_months)
{
  const Eigen::Index types = step.rows();
  AnnualRates rates{Matrix::Zero(types, types), Vector::Zero(types)};
  for (Eigen::Index i = 0; i < types; ++i) {
    const double staying = step(i, i);
    const double leaving = 1.0 - staying; // per step, to other types and out of care
    if (std::abs(leaving) < k_rounding) {
      continue; // a type that keeps its children has no outflow to split
    }
    // A negative share staying has no root; taken as none staying, all of it leaves.
    const double monthly_stay =
      std::pow(std::max(staying, 0.0), 1.0 / static_cast<double>(step_months));
    const double outflow = 1.0 - std::pow(monthly_stay, k_months_per_year);
    const double per_rate = outflow / leaving;
    for (Eigen::Index j = 0; j < types; ++j) {
      rates.moves(i, j) = j == i ? 0.0 : snapped(step(i, j) * per_rate);
    }
    rates.exits(i) = snapped((1.0 - step.row(i).sum()) * per_rate);
  }
  return rates;
}

namespace {

struct Reading
{
  const CsvTable& table;
  std::vector<Diagnostic>& diagnostics;
};

Vector years_since_first(const std::vector<Month>& dates)
{
  Vector years(static_cast<Eigen::Index>(dates.size()));
  for (std::size_t k = 0; k < dates.size(); ++k) {
    years(static_cast<Eigen::Index>(k)) =
      static_cast<double>(dates[k].number - dates.front().number) / k_months_per_year;
  }
  return years;
}

FittedSeries trend_series(std::string name, std::vector<Month> dates, const Vector& observed,
                          const TrendFit& fit)
{
  return {std::move(name), std::move(dates), observed, fit.fitted, fit.residuals, fit.r_squared};
}

// The column a totals history fits: the one named, else the only numeric one.
std::optional<int> count_column(const Reading& in, const std::string& column)
{
  if (!column.empty()) {
    return history::require_column(in.table, column, in.diagnostics);
  }
  const std::vector<int> numeric = history::numeric_columns(in.table);
  if (numeric.size() == 1) {
    return numeric.front();
  }
  std::vector<std::string> names;
  for (const int c : numeric) {
    names.push_back(in.table.header[static_cast<std::size_t>(c)].text);
  }
  in.diagnostics.push_back(
    {history::header_pos(in.table),
     numeric.empty()
       ? std::string("the history has no column of numbers besides 'date' to fit a trend to")
       : fmt::format("the history has {} columns of numbers ({}); name the one to fit with "
                     "--column",
                     numeric.size(), fmt::join(names, ", "))});
  return std::nullopt;
}

std::optional<TrendCalibration> calibrate_trend(const Reading& in, const std::vector<Month>& dates,
                                                const std::string& column)
{
  const std::optional<int> found = count_column(in, column);
  if (!found) {
    return std::nullopt;
  }
  const auto counts =
    history::read_numbers(in.table, *found, 0, history::Bound::positive, in.diagnostics);
  if (!counts) {
    return std::nullopt;
  }
  if (dates.size() < 3) {
    in.diagnostics.push_back(
      {history::header_pos(in.table),
       fmt::format("a trend needs at least 3 dated counts, more than its 2 parameters; the "
                   "history has {}",
                   dates.size())});
    return std::nullopt;
  }
  const TrendFit fit = fit_log_linear(years_since_first(dates), *counts);
  const std::string& name = in.table.header[static_cast<std::size_t>(*found)].text;
  return TrendCalibration{trend_series(name, dates, *counts, fit), fit};
}

// The placement types of a ladder history: every column but the date, the entries
// and the descriptions. A column without a name or named twice is reported.
std::vector<int> type_columns(const Reading& in)
{
  std::vector<int> columns;
  std::vector<std::string_view> names;
  for (std::size_t c = 0; c < in.table.header.size(); ++c) {
    const CsvCell& heading = in.table.header[c];
    if (heading.text == history::k_date || heading.text == history::k_entries
        || history::is_description(heading.text)) {
      continue;
    }
    if (heading.text.empty()
        || std::find(names.begin(), names.end(), heading.text) != names.end()) {
      in.diagnostics.push_back(
        {heading.pos, heading.text.empty()
                        ? std::string("a column has no name; name it after its placement type")
                        : fmt::format("column '{}' appears twice", heading.text)});
    }
    names.push_back(heading.text);
    columns.push_back(static_cast<int>(c));
  }
  if (columns.empty()) {
    in.diagnostics.push_back({history::header_pos(in.table),
                              "a ladder history needs a column of counts per placement type "
                              "besides 'date' and 'entries'"});
  }
  return columns;
}

std::optional<Matrix> read_counts(const Reading& in, const std::vector<int>& columns)
{
  Matrix counts(static_cast<Eigen::Index>(in.table.rows.size()),
                static_cast<Eigen::Index>(columns.size()));
  bool valid = true;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto column =
      history::read_numbers(in.table, columns[c], 0, history::Bound::not_negative, in.diagnostics);
    if (column) {
      counts.col(static_cast<Eigen::Index>(c)) = *column;
    }
    valid = valid && column.has_value();
  }
  return valid ? std::optional<Matrix>(counts) : std::nullopt;
}

// Each type's rates are fitted from the steps: more steps than rates, or the fit is exact
// whatever the history says.
bool enough_steps(const Reading& in, std::size_t types)
{
  const std::size_t rows = in.table.rows.size();
  if (rows >= types + 3) {
    return true;
  }
  in.diagnostics.push_back(
    {history::header_pos(in.table),
     fmt::format(
       "a ladder history with {} placement types fits {} figures for each type (a "
       "share from each type and the entries' share), so it needs more steps than that: at "
       "least {} rows ({} steps); the history has {}",
       types, types + 1, types + 3, types + 2, rows)});
  return false;
}

SourcePos column_pos(const CsvTable& table, int column)
{
  return table.header[static_cast<std::size_t>(column)].pos;
}

void report_not_identified(const Reading& in, const std::vector<int>& columns,
                           Eigen::Index dependent)
{
  const int column = dependent < static_cast<Eigen::Index>(columns.size())
                       ? columns[static_cast<std::size_t>(dependent)]
                       : *in.table.column(history::k_entries);
  in.diagnostics.push_back(
    {column_pos(in.table, column),
     fmt::format("the history cannot tell '{}' apart from the other columns: its values are (close "
                 "to) a fixed combination of theirs, such as constant or always zero, so the rates "
                 "cannot be fitted; a longer or more varied history is needed",
                 in.table.header[static_cast<std::size_t>(column)].text)});
}

// Entries per step: their log-linear trend, and a year of them at the trend's value for
// the last date.
void fit_entries(LadderCalibration& ladder, std::vector<Month> step_dates, const Vector& entries)
{
  ladder.entries_trend = fit_log_linear(years_since_first(step_dates), entries);
  ladder.entries = trend_series(std::string(history::k_entries), std::move(step_dates), entries,
                                ladder.entries_trend);
  ladder.per_year = ladder.entries_trend.fitted(ladder.entries_trend.fitted.size() - 1)
                    * k_months_per_year / ladder.step_months;
}

std::vector<FittedSeries> closing_series(const LadderCalibration& ladder, const Matrix& counts,
                                         const std::vector<Month>& step_dates)
{
  std::vector<FittedSeries> series;
  const Eigen::Index steps = counts.rows() - 1;
  for (Eigen::Index j = 0; j < counts.cols(); ++j) {
    series.push_back({ladder.types[static_cast<std::size_t>(j)], step_dates,
                      counts.col(j).tail(steps), ladder.fit.fitted.col(j),
                      ladder.fit.residuals.col(j), ladder.fit.r_squared(j)});
  }
  return series;
}

std::string number(double value)
{
  return fmt::format("{:.6g}", value);
}

// Fitted values no history of real children supports, located at their type's column.
std::vector<Diagnostic> ladder_warnings(const CsvTable& table, const std::vector<int>& columns,
                                        const LadderCalibration& ladder)
{
  std::vector<Diagnostic> warnings;
  const auto& types = ladder.types;
  for (std::size_t i = 0; i < types.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    const auto warn = [&](const std::string& message) {
      warnings.push_back(
        {column_pos(table, columns[i]), message + "; the history does not support it"});
    };
    const double staying = ladder.fit.step(row, row);
    if (staying < 0.0 || staying > 1.0 + k_rounding) {
      warn(fmt::format("the fitted share of '{}' staying each step is {}, outside 0 to 1", types[i],
                       number(staying)));
    }
  }
  return warnings;
}

// The shares normalised to add up to 1; false after reporting shares that cannot be.
bool normalise_shares(const Reading& in, LadderCalibration& ladder)
{
  ladder.share_sum = ladder.fit.raw_shares.sum();
  if (ladder.share_sum > k_rounding) {
    ladder.shares = ladder.fit.raw_shares / ladder.share_sum;
    return true;
  }
  in.diagnostics.push_back(
    {column_pos(in.table, *in.table.column(history::k_entries)),
     fmt::format("the fitted entry shares add up to {}, so they cannot be scaled to add up to 1; "
                 "the history does not support its entries",
                 number(ladder.share_sum))});
  return false;
}

std::optional<Calibration> calibrate_ladder(const Reading& in, const std::vector<Month>& dates)
{
  const std::size_t before = in.diagnostics.size();
  const std::vector<int> columns = type_columns(in);
  if (in.diagnostics.size() != before) {
    return std::nullopt;
  }
  const auto counts = read_counts(in, columns);
  const auto entries = history::read_numbers(in.table, *in.table.column(history::k_entries), 1,
                                             history::Bound::positive, in.diagnostics);
  if (!counts || !entries || !enough_steps(in, columns.size())) {
    return std::nullopt;
  }
  const auto step = history::even_step(in.table, dates, in.diagnostics);
  if (!step) {
    return std::nullopt;
  }
  LadderCalibration ladder;
  ladder.fit = fit_ladder(*counts, *entries);
  if (ladder.fit.status != FitStatus::ok) {
    report_not_identified(in, columns, ladder.fit.dependent);
    return std::nullopt;
  }
  ladder.step_months = *step;
  for (const int c : columns) {
    ladder.types.push_back(in.table.header[static_cast<std::size_t>(c)].text);
  }
  if (!normalise_shares(in, ladder)) {
    return std::nullopt;
  }
  ladder.annual = annual_rates(ladder.fit.step, ladder.step_months);
  const std::vector<Month> step_dates(dates.begin() + 1, dates.end());
  fit_entries(ladder, step_dates, *entries);
  ladder.closing = closing_series(ladder, *counts, step_dates);
  std::vector<Diagnostic> warnings = ladder_warnings(in.table, columns, ladder);
  std::vector<Diagnostic> refusals = ladder_refusals(in.table, columns, ladder);
  sort_by_position(refusals);
  return Calibration{in.table.file, std::move(ladder), std::move(warnings), std::move(refusals)};
}

std::optional<Calibration> calibrate_table(const Reading& in, const std::string& column)
{
  const std::optional<std::vector<Month>> dates = history::read_dates(in.table, in.diagnostics);
  if (!dates) {
    return std::nullopt;
  }
  if (column.empty() && in.table.column(history::k_entries)) {
    return calibrate_ladder(in, *dates);
  }
  if (auto trend = calibrate_trend(in, *dates, column)) {
    const int fitted = *in.table.column(trend->series.name);
    std::vector<Diagnostic> refusals = trend_refusals(in.table, fitted, trend->fit);
    return Calibration{in.table.file, std::move(*trend), {}, std::move(refusals)};
  }
  return std::nullopt;
}

CalibrationResult calibrate_csv(CsvResult csv, const std::string& column)
{
  CalibrationResult result{std::nullopt, std::move(csv.diagnostics), std::move(csv.sources),
                           std::move(csv.warnings)};
  if (csv.table) {
    std::optional<Calibration> calibration =
      calibrate_table(Reading{*csv.table, result.diagnostics}, column);
    if (result.diagnostics.empty()) {
      result.calibration = std::move(calibration);
    }
  }
  sort_by_position(result.diagnostics);
  return result;
}

} // namespace

CalibrationResult calibrate_text(std::string text, const std::string& file_name,
                                 const std::string& column)
{
  return calibrate_csv(read_csv_text(std::move(text), file_name), column);
}

CalibrationResult calibrate_file(const std::filesystem::path& path, const std::string& column)
{
  return calibrate_csv(read_csv_file(path), column);
}

} // namespace carecast
