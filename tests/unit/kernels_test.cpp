// The evaluator's loops in each instruction set's version (include/carecast/kernels.hpp):
// every version this processor runs gives the baseline's bits, loop by loop and for
// whole evaluations.

#include "carecast/kernels.hpp"

#include "carecast/evaluator.hpp"
#include "carecast/simulation.hpp"
#include "test_model.hpp"

#include <cstdint>
#include <cstring>
#include <doctest/doctest.h>
#include <random>
#include <string>
#include <vector>

using carecast::kernels::Rate;
using carecast::kernels::Table;

namespace {

// Block sizes around the vector widths and the step's chunks of 16, 32 and 64 draws, so
// that every version runs both its vector loop and its draw-by-draw tail.
const std::vector<std::ptrdiff_t> k_sizes = {1, 3, 7, 8, 15, 16, 31, 33, 63, 64, 65, 255, 256};

// Values in [0.5, 2): from the top 53 bits of a 64-bit draw, without the standard
// library's distributions, which differ between implementations.
std::vector<double> values(std::mt19937_64& generator, std::ptrdiff_t count)
{
  std::vector<double> result(static_cast<std::size_t>(count));
  for (double& value : result) {
    value = 0.5 + 1.5 * static_cast<double>(generator() >> 11) * 0x1.0p-53;
  }
  return result;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b)
{
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Each loop's output from `table` on inputs drawn with `seed`, one after another.
std::vector<double> run_loops(const Table& table, std::ptrdiff_t draws, std::uint64_t seed)
{
  std::mt19937_64 generator(seed);
  const auto row = [&] { return values(generator, draws); };
  constexpr int k_types = 6;
  std::vector<std::vector<double>> opening;
  std::vector<const double*> from;
  for (int i = 0; i < k_types; ++i) {
    opening.push_back(row());
  }
  for (const auto& type : opening) {
    from.push_back(type.data());
  }
  const std::vector<double> entries = row();
  const std::vector<double> share = row();
  const std::vector<double> each = row();
  // Rates per draw and rates shared by every draw, alternately.
  std::vector<Rate> rates;
  for (int i = 0; i < k_types; ++i) {
    rates.push_back(i % 2 == 0 ? Rate{each.data(), 0.0} : Rate{nullptr, 0.01 * (i + 1)});
  }
  std::vector<double> out(static_cast<std::size_t>(draws));
  std::vector<double> all;
  const auto keep = [&] { all.insert(all.end(), out.begin(), out.end()); };
  table.step(entries.data(), share.data(), from.data(), rates.data(), k_types, out.data(), draws);
  keep();
  // Up to three types' costs, their starts, ends, costs and levels taken from the opening
  // rows at offsets 0 to 3.
  for (int types = 0; types <= 3; ++types) {
    table.month_cost(from.data(), from.data() + 1, from.data() + 2, from.data() + 3, types, 0.001,
                     31.0 / 7.0, out.data(), draws);
    keep();
  }
  std::vector<double> months;
  for (int m = 0; m < 12; ++m) {
    const std::vector<double> month = row();
    months.insert(months.end(), month.begin(), month.end());
  }
  table.year_sum(months.data(), draws, out.data(), draws);
  keep();
  for (int prices = 0; prices <= 3; ++prices) {
    table.baseline(from.data(), from.data() + 3, prices, prices == 2 ? nullptr : each.data(),
                   share.data(), out.data(), draws);
    keep();
  }
  // Ratios near 1 (the year's growth over the year before's end), each draw's Newton
  // iteration starting from a guess of its own.
  std::vector<double> ratio = row();
  for (double& r : ratio) {
    r = 0.9 + 0.1 * r;
  }
  out = each;
  table.monthly_factor(ratio.data(), out.data(), draws);
  keep();
  // Monthly factors near 1, as a year's growth is.
  std::vector<double> path(static_cast<std::size_t>(draws));
  table.year_growth(ratio.data(), path.data(), out.data(), draws);
  keep();
  all.insert(all.end(), path.begin(), path.end());
  out = share;
  table.add_scaled(entries.data(), 3.0, out.data(), draws);
  keep();
  table.multiply(entries.data(), share.data(), out.data(), draws);
  keep();
  for (int count = 0; count <= 3; ++count) {
    table.scaled_sum(from.data(), count, each.data(), out.data(), draws);
    keep();
  }
  table.add_product(entries.data(), share.data(), each.data(), out.data(), draws);
  keep();
  // In place, as the projection calls them.
  out = share;
  table.multiply(out.data(), each.data(), out.data(), draws);
  table.add_product(out.data(), out.data(), each.data(), out.data(), draws);
  keep();
  return all;
}

// Every figure of an outcome, in one vector.
std::vector<double> figures(const carecast::Outcome& outcome, int years)
{
  std::vector<double> all;
  const auto add = [&](const auto& row) {
    for (Eigen::Index d = 0; d < row.size(); ++d) {
      all.push_back(row(d));
    }
  };
  for (int o = 0; o < outcome.options(); ++o) {
    for (int p = 0; p < outcome.periods(); ++p) {
      for (int l = 0; l < outcome.lines(); ++l) {
        add(outcome.cost(o, l, p));
      }
      for (int j = 0; j < outcome.placements(); ++j) {
        add(outcome.children_avg(o, j, p));
        add(outcome.children_end(o, j, p));
        add(outcome.placement_cost(o, j, p));
      }
    }
    add(outcome.net_present_cost(o));
  }
  for (int y = 0; y < years; ++y) {
    add(outcome.budget(y));
    add(outcome.deflator(y));
  }
  return all;
}

// Restores the version in use when a test ends.
struct InUse
{
  const Table& saved = carecast::kernels::active();
  ~InUse() { carecast::kernels::use(saved); }
};

} // namespace

TEST_CASE("The version in use is the widest this processor runs, and the baseline is always there")
{
  const std::vector<const Table*> tables = carecast::kernels::available();
  REQUIRE(!tables.empty());
  CHECK(tables.front() == &carecast::kernels::k_baseline);
  CHECK(&carecast::kernels::active() == tables.back());
  MESSAGE("vector kernels compared: ", tables.size(),
          ", in use: ", std::string(tables.back()->name));
}

TEST_CASE("Each loop of every version gives the baseline's bits, whatever the block size")
{
  for (const Table* table : carecast::kernels::available()) {
    for (const std::ptrdiff_t draws : k_sizes) {
      CAPTURE(table->name);
      CAPTURE(draws);
      CHECK(same_bits(run_loops(*table, draws, 42),
                      run_loops(carecast::kernels::k_baseline, draws, 42)));
    }
  }
}

TEST_CASE("The baseline's loops add and multiply in the order the model states")
{
  // One draw, worked out here term by term: the step's entries x share plus each
  // opening count x its rate, in type order.
  const double entries = 3.0;
  const double share = 0.25;
  const std::vector<double> opening = {10.0, 20.0};
  const std::vector<const double*> from = {&opening[0], &opening[1]};
  const double each = 0.1;
  const std::vector<Rate> rates = {{&each, 0.0}, {nullptr, 0.3}};
  double closing = 0.0;
  carecast::kernels::k_baseline.step(&entries, &share, from.data(), rates.data(), 2, &closing, 1);
  CHECK(closing == 3.0 * 0.25 + 10.0 * 0.1 + 20.0 * 0.3);
  // A month's cost of two types: (1 + 3) x 0.5 x (4 x 0.5 x 0.25) x 2 = 2, then
  // (2 + 2) x 0.5 x (8 x 1 x 0.25) x 2 = 8, each exact in binary.
  const std::vector<double> starts = {1.0, 2.0};
  const std::vector<double> ends = {3.0, 2.0};
  const std::vector<double> weekly = {4.0, 8.0};
  const std::vector<double> levels = {0.5, 1.0};
  const auto each_of = [](const std::vector<double>& by_type) {
    return std::vector<const double*>{&by_type[0], &by_type[1]};
  };
  double month = 0.0;
  carecast::kernels::k_baseline.month_cost(each_of(starts).data(), each_of(ends).data(),
                                           each_of(weekly).data(), each_of(levels).data(), 2, 0.25,
                                           2.0, &month, 1);
  CHECK(month == 10.0);
  // Twelve months of growth by 2 from 1: the year ends at 2^12 = 4096, and its months
  // add up to 2 + 4 + ... + 4096 = 8190.
  const double doubling = 2.0;
  double path = 0.0;
  double months = 0.0;
  carecast::kernels::k_baseline.year_growth(&doubling, &path, &months, 1);
  CHECK(path == 4096.0);
  CHECK(months == 8190.0);
  // An uplifted cost is the cost plus the product, not (cost + cost) x uplift: 1.5 +
  // 1.5 x 0.25 = 1.875, exact in binary.
  const double cost = 1.5;
  const double uplift = 0.25;
  double uplifted = 0.0;
  carecast::kernels::k_baseline.add_product(&cost, &cost, &uplift, &uplifted, 1);
  CHECK(uplifted == 1.875);
  // Newton's method reaches the factor whose twelve powers average the ratio: for a
  // ratio of 1 that is 1 (every power is 1), from any start near it.
  double factor = 1.01;
  const double ratio = 1.0;
  carecast::kernels::k_baseline.monthly_factor(&ratio, &factor, 1);
  CHECK(factor == doctest::Approx(1.0).epsilon(1e-14));
}

TEST_CASE("Whole evaluations of the DCST scenario give the same bits with every version")
{
  const InUse restore;
  const carecast::Model model = carecast::test::dcst_model();
  const carecast::SampledInputs inputs = carecast::input_sampler(model, 7, false);
  const carecast::Evaluator evaluator(model);
  for (const Eigen::Index draws : {Eigen::Index{256}, Eigen::Index{37}}) {
    const carecast::ParameterRows block =
      carecast::parameter_block(model, *inputs.sampler, 0, draws);
    std::vector<std::vector<double>> by_version;
    for (const Table* table : carecast::kernels::available()) {
      carecast::kernels::use(*table);
      for (const carecast::Period period : {carecast::Period::month, carecast::Period::year}) {
        by_version.push_back(
          figures(evaluator.evaluate(block, period, carecast::Figures::all), model.grid().years()));
      }
    }
    for (std::size_t v = 2; v < by_version.size(); ++v) {
      CAPTURE(v);
      CHECK(same_bits(by_version[v], by_version[v % 2]));
    }
  }
}
