#pragma once

// The loops of kernels.hpp, written once for any vector width W (doubles a vector).
// Each kernels_*.cpp includes this inside an anonymous namespace and builds it for its
// own instruction set, so that no copy leaves its file: the linker must not swap the
// baseline's loops for another file's. Only plain arithmetic on GCC's vector types is
// used, never a library function, which would be shared between the files.
//
// Per draw, each loop does the operations of its tail loop (one draw at a time) in the
// same order: vector lanes are draws, never terms of one draw's sum.

template <int W>
struct Pack
{
  typedef double type __attribute__((vector_size(W * sizeof(double))));
  // A lane comparison's result: all bits set where it holds.
  typedef long long mask __attribute__((vector_size(W * sizeof(long long))));
};

// Whether any lane of `lanes` is set.
template <int W>
bool has_any(typename Pack<W>::mask lanes)
{
  long long any = 0;
#pragma GCC unroll 8
  for (int i = 0; i < W; ++i) {
    any |= lanes[i];
  }
  return any != 0;
}

// monthly_factor's limit on Newton's iterations; it converges in a few.
constexpr int k_newton_iterations = 50;

template <int W>
typename Pack<W>::type load(const double* from)
{
  typename Pack<W>::type value;
  __builtin_memcpy(&value, from, sizeof value);
  return value;
}

template <int W>
void store(double* to, typename Pack<W>::type value)
{
  __builtin_memcpy(to, &value, sizeof value);
}

// How a loop body reads and writes draws: W at a time as a vector, or one at a time.
template <int W>
struct Vectors
{
  using type = typename Pack<W>::type;
  static type at(const double* from) { return load<W>(from); }
  static type all(double value) { return type{} + value; }
  static void put(double* to, type value) { store<W>(to, value); }
};

struct Scalars
{
  static double at(const double* from) { return *from; }
  static double all(double value) { return value; }
  static void put(double* to, double value) { *to = value; }
};

// For each draw d, sum = first(io, d), then sum = term(io, sum, j, d) for each term j <
// terms in order, then finish(io, sum, d); io is Vectors<W> or Scalars, whose `at`,
// `all` and `put` the callbacks read and write with. Four vectors of draws at a time
// share each term's pointers, then one vector at a time, then draw by draw.
template <int W, class First, class Term, class Finish>
void sum_terms(std::ptrdiff_t draws, int terms, First first, Term term, Finish finish)
{
  using V = typename Pack<W>::type;
  constexpr int k_unroll = 4;
  const Vectors<W> vectors;
  std::ptrdiff_t d = 0;
  for (; d + W * k_unroll <= draws; d += W * k_unroll) {
    V sum[k_unroll];
#pragma GCC unroll 4
    for (int u = 0; u < k_unroll; ++u) {
      sum[u] = first(vectors, d + u * W);
    }
    for (int j = 0; j < terms; ++j) {
#pragma GCC unroll 4
      for (int u = 0; u < k_unroll; ++u) {
        sum[u] = term(vectors, sum[u], j, d + u * W);
      }
    }
#pragma GCC unroll 4
    for (int u = 0; u < k_unroll; ++u) {
      finish(vectors, sum[u], d + u * W);
    }
  }
  for (; d + W <= draws; d += W) {
    V sum = first(vectors, d);
    for (int j = 0; j < terms; ++j) {
      sum = term(vectors, sum, j, d);
    }
    finish(vectors, sum, d);
  }
  for (; d < draws; ++d) {
    double sum = first(Scalars{}, d);
    for (int j = 0; j < terms; ++j) {
      sum = term(Scalars{}, sum, j, d);
    }
    finish(Scalars{}, sum, d);
  }
}

// U vectors of draws at a time stay in registers across the types' terms. GCC would
// otherwise load a term's U vectors of opening children into registers ahead of the
// test of its rate, as both branches read them, and spill a sum for want of registers:
// without code hoisting, each multiplication reads its vector from memory itself.
template <int W, int U>
__attribute__((optimize("no-code-hoisting")))
void step(const double* entries, const double* share, const double* const* opening,
          const carecast::kernels::Rate* rates, int terms, double* closing, std::ptrdiff_t draws)
{
  using V = typename Pack<W>::type;
  constexpr std::ptrdiff_t k_chunk = W * U;
  std::ptrdiff_t d = 0;
  for (; d + k_chunk <= draws; d += k_chunk) {
    V sum[U];
#pragma GCC unroll 8
    for (int u = 0; u < U; ++u) {
      sum[u] = load<W>(entries + d + u * W) * load<W>(share + d + u * W);
    }
    for (int i = 0; i < terms; ++i) {
      const double* from = opening[i] + d;
      if (const double* each = rates[i].each) {
#pragma GCC unroll 8
        for (int u = 0; u < U; ++u) {
          sum[u] += load<W>(from + u * W) * load<W>(each + d + u * W);
        }
      } else {
        const double all = rates[i].all;
#pragma GCC unroll 8
        for (int u = 0; u < U; ++u) {
          sum[u] += load<W>(from + u * W) * all;
        }
      }
    }
#pragma GCC unroll 8
    for (int u = 0; u < U; ++u) {
      store<W>(closing + d + u * W, sum[u]);
    }
  }
  for (; d < draws; ++d) {
    double sum = entries[d] * share[d];
    for (int i = 0; i < terms; ++i) {
      sum += opening[i][d] * (rates[i].each ? rates[i].each[d] : rates[i].all);
    }
    closing[d] = sum;
  }
}

// One type's cost in a month: its children counted (the mean of its opening and
// closing; x 0.5 is / 2 exactly, without a division) x its weekly price x weeks.
template <class T>
T type_cost(T start, T end, T cost, T level, double scale, double weeks)
{
  const T children = (start + end) * 0.5;
  const T price = cost * level * scale;
  return children * price * weeks;
}

template <int W>
void month_cost(const double* const* start, const double* const* end, const double* const* cost,
                const double* const* level, int types, double scale, double weeks, double* total,
                std::ptrdiff_t draws)
{
  sum_terms<W>(
    draws, types, [](auto io, std::ptrdiff_t) { return io.all(0.0); },
    [&](auto io, auto sum, int j, std::ptrdiff_t d) {
      return sum
             + type_cost(io.at(start[j] + d), io.at(end[j] + d), io.at(cost[j] + d),
                         io.at(level[j] + d), scale, weeks);
    },
    [&](auto io, auto sum, std::ptrdiff_t d) { io.put(total + d, sum); });
}

template <int W>
void year_sum(const double* first, std::ptrdiff_t stride, double* out, std::ptrdiff_t draws)
{
  std::ptrdiff_t d = 0;
  for (; d + W <= draws; d += W) {
    auto sum = load<W>(first + d);
#pragma GCC unroll 12
    for (int m = 1; m < 12; ++m) {
      sum += load<W>(first + m * stride + d);
    }
    store<W>(out + d, sum);
  }
  for (; d < draws; ++d) {
    double sum = first[d];
    for (int m = 1; m < 12; ++m) {
      sum += first[m * stride + d];
    }
    out[d] = sum;
  }
}

template <int W>
void baseline(const double* const* levels, const double* const* shares, int prices,
              const double* demand, const double* base, double* out, std::ptrdiff_t draws)
{
  const auto first = [&](auto io, std::ptrdiff_t) { return io.all(prices == 0 ? 1.0 : 0.0); };
  const auto term = [&](auto io, auto month, int p, std::ptrdiff_t d) {
    return month + io.at(levels[p] + d) * io.at(shares[p] + d);
  };
  // Two loops, so that neither tests for a demand index at every vector.
  if (demand) {
    sum_terms<W>(draws, prices, first, term, [&](auto io, auto month, std::ptrdiff_t d) {
      io.put(out + d, month * io.at(demand + d) * io.at(base + d));
    });
  } else {
    sum_terms<W>(draws, prices, first, term, [&](auto io, auto month, std::ptrdiff_t d) {
      io.put(out + d, month * io.at(base + d));
    });
  }
}

// A lane's value where `keep` is set, otherwise `other`'s.
template <int W>
typename Pack<W>::type select(typename Pack<W>::mask keep, typename Pack<W>::type value,
                              typename Pack<W>::type other)
{
  return keep ? value : other;
}

template <int W>
void monthly_factor(const double* ratio, double* g, std::ptrdiff_t draws)
{
  using V = typename Pack<W>::type;
  using Mask = typename Pack<W>::mask;
  std::ptrdiff_t d = 0;
  for (; d + W <= draws; d += W) {
    const V target = 12.0 * load<W>(ratio + d);
    V factor = load<W>(g + d);
    // Lanes still iterating; each stops at its own convergence, as the tail loop does.
    Mask active = Mask{} == 0;
    for (int iteration = 0; iteration < k_newton_iterations; ++iteration) {
      V power = V{} + 1.0;
      V sum = V{};
      V slope = V{};
#pragma GCC unroll 12
      for (int j = 1; j <= 12; ++j) {
        slope += static_cast<double>(j) * power;
        power *= factor;
        sum += power;
      }
      const V step = (sum - target) / slope;
      const V next = factor - step;
      factor = select<W>(active, next, factor);
      const V size = select<W>(step < 0.0, -step, step);
      active &= ~(size <= 1e-15 * next);
      if (!has_any<W>(active)) {
        break;
      }
    }
    store<W>(g + d, factor);
  }
  for (; d < draws; ++d) {
    const double target = 12.0 * ratio[d];
    double factor = g[d];
    for (int iteration = 0; iteration < k_newton_iterations; ++iteration) {
      double power = 1.0;
      double sum = 0.0;
      double slope = 0.0;
      for (int j = 1; j <= 12; ++j) {
        slope += static_cast<double>(j) * power;
        power *= factor;
        sum += power;
      }
      const double step = (sum - target) / slope;
      factor -= step;
      if ((step < 0.0 ? -step : step) <= 1e-15 * factor) {
        break;
      }
    }
    g[d] = factor;
  }
}

template <int W>
void add_scaled(const double* x, double a, double* y, std::ptrdiff_t count)
{
  std::ptrdiff_t i = 0;
  for (; i + W <= count; i += W) {
    store<W>(y + i, load<W>(y + i) + a * load<W>(x + i));
  }
  for (; i < count; ++i) {
    y[i] = y[i] + a * x[i];
  }
}

template <int W>
void year_growth(const double* g, double* path, double* sum, std::ptrdiff_t draws)
{
  using V = typename Pack<W>::type;
  std::ptrdiff_t d = 0;
  for (; d + W <= draws; d += W) {
    const V factor = load<W>(g + d);
    V level = V{} + 1.0;
    V total = V{};
#pragma GCC unroll 12
    for (int m = 0; m < 12; ++m) {
      level = level * factor;
      total = total + level;
    }
    store<W>(path + d, level);
    store<W>(sum + d, total);
  }
  for (; d < draws; ++d) {
    double level = 1.0;
    double total = 0.0;
    for (int m = 0; m < 12; ++m) {
      level = level * g[d];
      total = total + level;
    }
    path[d] = level;
    sum[d] = total;
  }
}

// out[i] = a[i] x b[i]; out may be a.
template <int W>
void multiply(const double* a, const double* b, double* out, std::ptrdiff_t count)
{
  std::ptrdiff_t i = 0;
  for (; i + W <= count; i += W) {
    store<W>(out + i, load<W>(a + i) * load<W>(b + i));
  }
  for (; i < count; ++i) {
    out[i] = a[i] * b[i];
  }
}

template <int W>
void scaled_sum(const double* const* rows, int count, const double* factor, double* out,
                std::ptrdiff_t draws)
{
  sum_terms<W>(
    draws, count, [](auto io, std::ptrdiff_t) { return io.all(0.0); },
    [&](auto io, auto sum, int r, std::ptrdiff_t d) { return sum + io.at(rows[r] + d); },
    [&](auto io, auto sum, std::ptrdiff_t d) { io.put(out + d, sum * io.at(factor + d)); });
}

// out[i] = a[i] + b[i] x c[i]; out may be a or b.
template <int W>
void add_product(const double* a, const double* b, const double* c, double* out,
                 std::ptrdiff_t count)
{
  std::ptrdiff_t i = 0;
  for (; i + W <= count; i += W) {
    store<W>(out + i, load<W>(a + i) + load<W>(b + i) * load<W>(c + i));
  }
  for (; i < count; ++i) {
    out[i] = a[i] + b[i] * c[i];
  }
}

// The table of these loops at width W, the step keeping U vectors in registers.
template <int W, int U>
constexpr carecast::kernels::Table table(const char* name)
{
  return {name,          step<W, U>,        month_cost<W>,  year_sum<W>,
          baseline<W>,   monthly_factor<W>, year_growth<W>, add_scaled<W>,
          scaled_sum<W>, multiply<W>,       add_product<W>};
}
