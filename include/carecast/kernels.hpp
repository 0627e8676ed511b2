#pragma once

// The evaluator's innermost loops over a block's draws, in one version per instruction
// set: the x86-64 baseline (SSE2, two doubles at a time), AVX2 (four) and AVX-512
// (eight). One is chosen when first needed, the widest the processor supports. Every
// version does, for each draw, the same additions and multiplications in the same
// order, without fused multiply-adds: a draw's figures are the same bits whichever
// runs, and whatever its place in the block (ARCHITECTURE.md, "Vector kernels").

#include <cstddef>
#include <vector>

namespace carecast::kernels {

// A rate applied to every draw: one per draw, or one value for all of them.
struct Rate
{
  const double* each = nullptr; // the draws' rates; null when they are all `all`
  double all = 0.0;
};

struct Table
{
  const char* name; // "baseline", "avx2" or "avx512"

  // closing[d] = entries[d] x share[d] + the sum over i < terms of
  // opening[i][d] x rates[i][d], added in the order of i: a care ladder type's children
  // at the end of a month.
  void (*step)(const double* entries, const double* share, const double* const* opening,
               const Rate* rates, int terms, double* closing, std::ptrdiff_t draws);

  // total[d] = 0 + the sum over j < types of (start[j][d] + end[j][d]) x 0.5 x
  // (cost[j][d] x level[j][d] x scale) x weeks, added in type order: the care ladder's
  // cost in a month, each type's children counted (the mean of its opening and closing)
  // times its weekly price times the month's weeks.
  void (*month_cost)(const double* const* start, const double* const* end,
                     const double* const* cost, const double* const* level, int types, double scale,
                     double weeks, double* total, std::ptrdiff_t draws);

  // out[d] = the sum of first[d + m x stride] for the twelve months m, added in order.
  void (*year_sum)(const double* first, std::ptrdiff_t stride, double* out, std::ptrdiff_t draws);

  // A line's monthly baseline: out[d] = (0 + the sum over p of levels[p][d] x
  // shares[p][d], added in order; 1 without prices) x demand[d] (when demand is not
  // null) x base[d].
  void (*baseline)(const double* const* levels, const double* const* shares, int prices,
                   const double* demand, const double* base, double* out, std::ptrdiff_t draws);

  // The monthly factor g with which a level that ended the year before at 1 averages
  // ratio[d] over the next twelve months, (g + g^2 + ... + g^12) / 12 = ratio[d], by
  // Newton's method from g[d], replaced by the result. Each draw stops when its own
  // step is at most 1e-15 g, or after 50 steps.
  void (*monthly_factor)(const double* ratio, double* g, std::ptrdiff_t draws);

  // A level that starts a year at 1 and grows by g[d] a month: path[d] = its twelfth
  // month, (...((1 x g) x g)...) x g, and sum[d] = 0 + the sum of its twelve months,
  // added in order.
  void (*year_growth)(const double* g, double* path, double* sum, std::ptrdiff_t draws);

  // y[i] += a x x[i]: a bootstrap resample's sums of Sobol' terms (src/analysis/sobol.cpp);
  // with a = 1, y[i] + x[i] exactly: an overlay's month added to its line.
  void (*add_scaled)(const double* x, double a, double* y, std::ptrdiff_t count);

  // out[d] = (0 + the sum over r < count of rows[r][d], added in order) x factor[d]: the
  // calibration line's month, from the other lines'.
  void (*scaled_sum)(const double* const* rows, int count, const double* factor, double* out,
                     std::ptrdiff_t draws);

  // Element by element, over `count` values; `out` may be one of the inputs (in place).
  // out[i] = a[i] x b[i]: a month's level from the month before's, a scaled month.
  void (*multiply)(const double* a, const double* b, double* out, std::ptrdiff_t count);
  // out[i] = a[i] + b[i] x c[i]: a cost or an overlay's amounts with their optimism uplift
  // (a = b = the cost).
  void (*add_product)(const double* a, const double* b, const double* c, double* out,
                      std::ptrdiff_t count);
};

// The version in use: the widest this processor runs, unless use() chose another.
const Table& active();

// The baseline version and each wider one this processor runs, baseline first.
std::vector<const Table*> available();

// Makes `table`, one of available(), the version in use and returns the one it
// replaces: for comparing the versions (tests, benchmarks) while no evaluation runs.
const Table& use(const Table& table);

// The versions, each built for its instruction set: call only those available() lists.
extern const Table k_baseline;
extern const Table k_avx2;
extern const Table k_avx512;

} // namespace carecast::kernels
